using Escalation.Domain;
using Escalation.Domain.Escalation;
using Escalation.Domain.Extension;
using Escalation.Domain.Intake;
using Escalation.Domain.Pause;
using Escalation.Domain.Rating;
using Escalation.Domain.Reference;
using Escalation.Domain.Resolution;
using Escalation.Domain.Supervision;
using Escalation.Domain.Timers;
using Escalation.Domain.Triage;
using Escalation.Domain.Whistle;
using Escalation.Host.Notifications;
using Escalation.Host.Reference;
using Microsoft.Extensions.Configuration;

namespace Escalation.IntegrationTests.Notifications;

/// <summary>
/// Who is told what, by which channel and when: the pure rules, on the sample county's data and the domain's own turns
/// (no host, no database).
/// </summary>
public sealed class NotificationRules
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly IConfiguration NoSettings = new ConfigurationBuilder().Build();
    private static readonly ReferenceData Reference = ReferenceDataLoader.Load(NoSettings);
    private static readonly NotificationContacts Contacts = NotificationContacts.Load(NoSettings);
    private static readonly Actor Operator = new("op-01", "operator", "SC");
    private static readonly Actor Township = new("disp-SC-T01", "dispatcher", "SC-T01");
    private static readonly Actor Village = new("disp-SC-T01-V01", "dispatcher", "SC-T01-V01");
    private static readonly Actor County = new("disp-SC", "dispatcher", "SC");

    private static readonly NotificationSettings AllChannels = new()
    {
        Smtp = new SmtpSettings("127.0.0.1", 25, "notify@sample-county.example"),
        Webhooks = [new WebhookEndpoint("ops", new Uri("http://127.0.0.1/hook"), "secret")],
        Sms = new SmsGateway(new Uri("http://127.0.0.1/sms")),
        CitizenNotifications = true,
    };

    private readonly List<TurnTaken> _turns = [];
    private Ticket? _ticket;
    private long _version;
    private DateTimeOffset _now = new(2026, 11, 24, 10, 0, 0, China);

    [Fact]
    public void a_dispatch_tells_the_new_holder_in_the_console_with_its_deadline_to_accept()
    {
        var id = Reported();
        var turn = Take(new TriageTicket(id, Township, "M-LE-01", null));

        var notice = Notices.From(turn, Reference).ShouldHaveSingleItem();
        notice.ShouldBe(new Notice(NotificationKind.Dispatched, id, 4, nameof(TicketTriaged), "SC-T01-V01", _now, Urgency.Normal, _now.AddHours(1)));
    }

    [Fact]
    public void a_whistle_tells_each_summoned_department_its_report_in_deadline_by_console_mail_and_webhook()
    {
        var id = OnTheTownshipsDesk();
        var turn = Take(new BlowWhistle(id, Township, Guid.CreateVersion7(), ["D-UM", "D-MR"], "占道经营"));

        var planned = Plan(turn, AllChannels).Where(n => n.Kind == NotificationKind.Summoned).ToList();

        planned.Select(n => (n.Recipient, n.Channel, n.Address)).ShouldBe(
        [
            ("D-UM", Channels.Console, null), ("D-UM", Channels.Email, "d-um@sample-county.example"), ("D-UM", "webhook:ops", null),
            ("D-MR", Channels.Console, null), ("D-MR", Channels.Email, "d-mr@sample-county.example"), ("D-MR", "webhook:ops", null),
        ]);
        planned.ShouldAllBe(n => n.Deadline == _now.AddHours(2) && n.Text.Contains("报到") && n.Language == "zh");
    }

    [Fact]
    public void an_extension_asked_for_tells_its_reviewer_and_the_answer_tells_the_holder()
    {
        var id = Reported();
        Take(new TriageTicket(id, Township, "M-LE-01", null));
        var asked = Take(new RequestExtension(id, Village, Clock.Accept, null, null, TimeLimit.Clock(TimeSpan.FromMinutes(30)), "村干部外出开会"));
        var answered = Take(new ReviewExtension(id, Township, Approve: true, null));

        Notices.From(asked, Reference).Select(n => (n.Kind, n.Recipient))
            .ShouldBe([(NotificationKind.ExtensionAwaitingReview, "SC-T01")]);
        Notices.From(answered, Reference).Where(n => n.Kind == NotificationKind.ExtensionAnswered).Select(n => (n.Recipient, n.Deadline))
            .ShouldBe([("SC-T01-V01", _now.AddHours(1).AddMinutes(30))]);
    }

    [Fact]
    public void a_pause_asked_for_tells_its_reviewer_and_the_answer_tells_the_holder_that_asked()
    {
        var id = OnTheTownshipsDesk();
        var asked = Take(new RequestPause(id, Township, PauseAwaiting.Citizen, "等待群众提供材料", null));
        var answered = Take(new ReviewPause(id, County, Approve: false, "材料已齐"));

        Notices.From(asked, Reference).Select(n => (n.Kind, n.Recipient)).ShouldBe([(NotificationKind.PauseAwaitingReview, "SC")]);
        Notices.From(answered, Reference).Select(n => (n.Kind, n.Recipient)).ShouldBe([(NotificationKind.PauseAnswered, "SC-T01")]);
    }

    [Fact]
    public void a_resolution_tells_the_callback_desk_its_callback_is_due_and_an_unanswered_call_tells_the_citizen()
    {
        var id = OnTheTownshipsDesk();
        var resolved = Take(new ResolveTicket(id, Township, "已修复"));
        var unanswered = Take(new RecordCallbackAttempt(id, Operator, null));

        var due = Notices.From(resolved, Reference).Single(n => n.Kind == NotificationKind.CallbackDue);
        due.Recipient.ShouldBe("SC");
        due.Deadline.ShouldBe(_ticket!.Clocks.Single(c => c.Clock == Clock.Callback).Deadline);
        Notices.From(unanswered, Reference).Select(n => (n.Kind, n.Recipient))
            .ShouldBe([(NotificationKind.CitizenCallbackMissed, Recipients.Citizen)]);
    }

    [Fact]
    public void a_text_names_the_ticket_by_its_number_when_it_has_one()
    {
        var notice = new Notice(NotificationKind.CitizenReceived, Guid.CreateVersion7(), 1, nameof(TicketReported), Recipients.Citizen, _now, Urgency.Normal, null,
            "SC20261124-0007");

        NotificationTexts.Body(notice, english: false, Reference).ShouldBe("您的诉求已受理，工单号SC20261124-0007。");
        NotificationTexts.Body(notice with { Number = null }, english: false, Reference).ShouldContain(notice.TicketId.ToString());
    }

    [Fact]
    public void a_red_light_tells_the_holder_and_the_unit_above_it()
    {
        var id = Reported();
        Take(new TriageTicket(id, Township, "M-LE-01", null));
        var accept = _ticket!.Clocks.Single(c => c.Clock == Clock.Accept);
        var turn = Take(new CheckTimeLimit(id, Clock.Accept, Light.Red, accept.Holder, accept.Deadline, null), accept.Deadline);

        Notices.From(turn, Reference).Where(n => n.Kind is NotificationKind.RedLight or NotificationKind.RedLightAbove)
            .Select(n => (n.Kind, n.Recipient))
            .ShouldBe([(NotificationKind.RedLight, "SC-T01-V01"), (NotificationKind.RedLightAbove, "SC-T01")]);
    }

    [Fact]
    public void the_unit_above_a_department_is_the_county_that_directs_it() =>
        Notices.Above("D-UM", Reference).ShouldBe("SC");

    [Fact]
    public void an_urge_tells_the_holder_and_a_return_the_unit_it_goes_back_to()
    {
        var id = Reported();
        Take(new TriageTicket(id, Township, "M-LE-01", null));
        var urged = Take(new UrgeTicket(id, Township, "请尽快"));
        var returned = Take(new ReturnTicket(id, Village, "不属于本村"));

        Notices.From(urged, Reference).Single().ShouldBe(new Notice(NotificationKind.Urged, id, 6, nameof(TicketUrged), "SC-T01-V01", _now, Urgency.Normal, null));
        Notices.From(returned, Reference).Single(n => n.Kind == NotificationKind.Returned).Recipient.ShouldBe("SC-T01");
    }

    [Fact]
    public void the_citizen_is_told_by_text_message_only_when_the_county_enables_it()
    {
        Reported();

        Plan(_turns[0], AllChannels).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            n => n.Kind.ShouldBe(NotificationKind.CitizenReceived),
            n => n.Recipient.ShouldBe(Recipients.Citizen),
            n => n.Channel.ShouldBe(Channels.Sms),
            n => n.Address.ShouldBeNull("the phone is read when it is sent, never copied"));
        Plan(_turns[0], new NotificationSettings { Sms = AllChannels.Sms }).ShouldBeEmpty();
    }

    [Fact]
    public void a_kind_the_county_disables_is_not_notified_unless_it_is_mandatory()
    {
        var id = OnTheTownshipsDesk();
        var turn = Take(new BlowWhistle(id, Township, Guid.CreateVersion7(), ["D-UM"], "占道经营"));

        Plan(_turns[1], new NotificationSettings { Disabled = [NotificationKind.Dispatched] }).ShouldBeEmpty();
        Plan(turn, new NotificationSettings { Disabled = [NotificationKind.Summoned] }).ShouldNotBeEmpty("the summons is mandatory by default");
    }

    [Fact]
    public void the_same_cause_recipient_and_channel_always_make_the_same_key()
    {
        var id = Reported();
        var turn = Take(new TriageTicket(id, Township, "M-LE-01", null));

        Plan(turn, AllChannels).Select(n => n.Id).ShouldBe(Plan(turn, AllChannels).Select(n => n.Id));
        Plan(turn, AllChannels).Select(n => n.Id).ShouldBe([$"{id:N}:4:SC-T01-V01:console", $"{id:N}:4:SC-T01-V01:sms", $"{id:N}:4:SC-T01-V01:webhook:ops"]);
    }

    [Theory]
    [InlineData("2026-11-24T02:00:00+08:00", "normal", "2026-11-24T08:30:00+08:00")]
    [InlineData("2026-11-24T22:30:00+08:00", "normal", "2026-11-25T08:30:00+08:00")]
    [InlineData("2026-11-24T08:30:00+08:00", "normal", "2026-11-24T08:30:00+08:00")]
    [InlineData("2026-11-24T15:00:00+08:00", "normal", "2026-11-24T15:00:00+08:00")]
    [InlineData("2026-11-24T02:00:00+08:00", "urgent", "2026-11-24T02:00:00+08:00")]
    [InlineData("2026-11-24T02:00:00+08:00", "emergency", "2026-11-24T02:00:00+08:00")]
    public void a_normal_tickets_notice_in_quiet_hours_waits_for_their_end_and_an_urgent_one_goes_now(string at, string urgency, string notBefore)
    {
        var notice = new Notice(NotificationKind.YellowLight, Guid.CreateVersion7(), 5, nameof(WarningLightLit), "SC-T01", DateTimeOffset.Parse(at),
            Enum.Parse<Urgency>(urgency, ignoreCase: true), null);

        NotificationPlan.NotBefore(notice, new NotificationSettings(), QuietHours.Parse("22:00-08:30")).ShouldBe(DateTimeOffset.Parse(notBefore));
    }

    [Fact]
    public void a_summons_goes_at_once_even_in_quiet_hours_and_the_console_never_waits()
    {
        _now = new DateTimeOffset(2026, 11, 24, 23, 0, 0, China);
        var id = OnTheTownshipsDesk();
        var turn = Take(new BlowWhistle(id, Township, Guid.CreateVersion7(), ["D-UM"], "夜间噪音"));
        var yellow = Notices.From(_turns[1], Reference).Single() with { Kind = NotificationKind.YellowLight };

        Plan(turn, AllChannels).ShouldAllBe(n => n.NotBefore == _now);
        NotificationPlan.For(yellow, AllChannels, Contacts, Reference).Single(n => n.Channel == Channels.Console).NotBefore.ShouldBe(_now);
        NotificationPlan.For(yellow, AllChannels, Contacts, Reference).Single(n => n.Channel == "webhook:ops").NotBefore
            .ShouldBe(new DateTimeOffset(2026, 11, 25, 8, 30, 0, China));
    }

    [Fact]
    public void a_normal_tickets_light_by_mail_waits_the_digest_window_and_an_urgent_ones_goes_alone_at_once()
    {
        var light = new Notice(NotificationKind.RedLight, Guid.CreateVersion7(), 7, nameof(WarningLightLit), "SC-T01", _now, Urgency.Normal, _now);

        var normal = NotificationPlan.For(light, AllChannels, Contacts, Reference).Single(n => n.Channel == Channels.Email);
        var urgent = NotificationPlan.For(light with { Urgency = Urgency.Urgent }, AllChannels, Contacts, Reference).Single(n => n.Channel == Channels.Email);

        (normal.Digest, normal.NotBefore).ShouldBe((true, _now.AddMinutes(2)));
        (urgent.Digest, urgent.NotBefore).ShouldBe((false, _now));
        NotificationPlan.For(light, AllChannels, Contacts, Reference).Where(n => n.Channel != Channels.Email).ShouldAllBe(n => !n.Digest && n.NotBefore == _now);
    }

    [Fact]
    public void a_text_message_in_chinese_is_cut_to_70_characters_and_one_in_latin_letters_to_160()
    {
        TextMessage.Fit(new string('灯', 80)).Length.ShouldBe(70);
        TextMessage.Fit(new string('灯', 80)).ShouldEndWith("…");
        TextMessage.Fit(new string('a', 200)).Length.ShouldBe(160);
        TextMessage.Fit("短信").ShouldBe("短信");
    }

    [Fact]
    public void a_recipient_whose_contact_says_english_is_told_in_english()
    {
        var english = new NotificationContacts(new Dictionary<string, Contact> { ["SC-T01-V01"] = new(Language: "en") });
        var id = Reported();
        var turn = Take(new TriageTicket(id, Township, "M-LE-01", null));

        var told = Notices.From(turn, Reference).SelectMany(n => NotificationPlan.For(n, new NotificationSettings(), english, Reference)).Single();
        told.ShouldSatisfyAllConditions(
            n => n.Language.ShouldBe("en"),
            n => n.Subject.ShouldBe("A ticket was dispatched to you"),
            n => n.Text.ShouldBe($"Ticket {id} was dispatched to Xinfa Village: accept it by 11-24 11:00."));
    }

    [Fact]
    public void every_kind_status_and_channel_the_console_shows_has_both_texts()
    {
        string[] keys =
        [
            .. Enum.GetValues<NotificationKind>().Select(k => Escalation.Host.WebConsole.Texts.Key(k)),
            .. Enum.GetValues<NotificationStatus>().Select(s => Escalation.Host.WebConsole.Texts.Key(s)),
            .. new[] { Channels.Console, Channels.Email, Channels.Sms, Channels.Webhook }.Select(c => $"channel.{c}"),
        ];

        keys.Where(key => !Escalation.Host.WebConsole.Texts.Table.ContainsKey(key)).ShouldBeEmpty();
        NotificationTexts.Kinds.Order().ToArray().ShouldBe(Enum.GetValues<NotificationKind>(), "every kind has its mail and text message words");
    }

    private IEnumerable<Notification> Plan(TurnTaken turn, NotificationSettings settings) =>
        new Notifier(settings, Contacts, new Escalation.Host.Organisation.CountyReference(Reference)).Plan([turn]);

    private Guid Reported()
    {
        var id = Guid.CreateVersion7();
        var turn = TicketTurn.Open(
            new ReportTicket(id, Operator, Channel.Hotline, "路灯不亮", "SC-T01-V01", null, "新发村三组", "M-LE-01", Urgency.Normal, "王秀英", "13812345678"), Context(_now));
        turn.IsRejected.ShouldBeFalse();
        _ticket = Ticket.Replay(turn.Events);
        _version = turn.Events.Count;
        var taken = new TurnTaken(null, 1, turn.Events);
        _turns.Add(taken);
        return id;
    }

    private Guid OnTheTownshipsDesk()
    {
        var id = Reported();
        Take(new TriageTicket(id, Township, "M-LE-01", null));
        Take(new EscalateTicket(id, Village, EscalationReason.BeyondPowers, null));
        Take(new AcceptTicket(id, Township));
        return id;
    }

    private TurnTaken Take(ITicketCommand command, DateTimeOffset? at = null)
    {
        var turn = TicketTurn.Take(_ticket!, command, Context(at ?? _now));
        turn.IsRejected.ShouldBeFalse(turn.Rejection?.Message);
        var taken = new TurnTaken(_ticket, _version + 1, turn.Events);
        _ticket = turn.Events.Aggregate(_ticket!, (t, e) => t.Evolve(e));
        _version += turn.Events.Count;
        _turns.Add(taken);
        return taken;
    }

    private static DecisionContext Context(DateTimeOffset now) => new(now, Reference, CountySettings.Default);
}
