using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Escalation.Domain.Intake;
using Escalation.Domain.Timers;
using Escalation.Host.Notifications;
using Escalation.IntegrationTests.Infrastructure;
using Escalation.IntegrationTests.WebConsole;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using MimeKit;
using Wolverine;

namespace Escalation.IntegrationTests.Notifications;

/// <summary>Notifications through the real host to a real SMTP server and a real HTTP receiver, on the fake clock.</summary>
public sealed class NotificationTests(NotificationApp fixture) : IClassFixture<NotificationApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private readonly EscalationApp _app = fixture.App;

    [Fact]
    public async Task a_whistle_mails_each_summoned_department_and_posts_a_signed_webhook_for_each()
    {
        var id = await OnTheTownshipsDeskAsync();

        await _app.ClientFor("disp-SC-T01").DoAsync(id, "whistles", new { departmentCodes = new[] { "D-UM", "D-MR" }, reason = "占道经营屡劝不改" });

        var mails = (await WaitForMailsAsync(id, m => m.Subject == "吹哨报到", 2)).ToList();
        mails.Select(m => m.To.Mailboxes.Single().Address).Order().ShouldBe(["d-mr@sample-county.example", "d-um@sample-county.example"]);
        mails.ShouldAllBe(m => m.From.Mailboxes.Single().Address == "notify@sample-county.example");
        var number = await NumberOfAsync(id);
        mails.ShouldAllBe(m => (m.TextBody ?? "").Contains(number) && (m.TextBody ?? "").Contains("报到"));
        var hooks = await fixture.Receiver.WaitForAsync(r => r.Path == "/hook" && IsFor(r, id, "summoned"), 2, Patience);
        hooks.ShouldAllBe(r => r.SignatureValid);
        hooks.Select(r => r.Body.GetProperty("recipient").GetString()).Order().ShouldBe(["D-MR", "D-UM"]);
        hooks.Select(r => r.Id).ShouldBe(hooks.Select(r => r.Body.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task each_mail_sent_is_counted_for_its_channel()
    {
        var id = await OnTheTownshipsDeskAsync();
        await WaitForMailsAsync(id, m => m.Subject == "新派工单", 1);
        using var sent = new MetricCollector<long>(null, "Escalation", "escalation.notifications.sent");

        await _app.ClientFor("disp-SC-T01").DoAsync(id, "whistles", new { departmentCodes = new[] { "D-HR", "D-WA" }, reason = "欠薪" });
        await WaitForMailsAsync(id, m => m.Subject == "吹哨报到", 2);
        await WaitSettledAsync(id);

        sent.GetMeasurementSnapshot().Where(m => Equals(m.Tags["channel"], Channels.Email)).Sum(m => m.Value).ShouldBe(2);
    }

    [Fact]
    public async Task each_notification_of_a_ticket_is_listed_with_its_status_for_whoever_may_see_it()
    {
        var id = await OnTheTownshipsDeskAsync();
        await _app.ClientFor("disp-SC-T01").DoAsync(id, "whistles", new { departmentCodes = new[] { "D-UM" }, reason = "占道经营" });
        await WaitForMailsAsync(id, m => m.Subject == "吹哨报到", 1);
        await fixture.Receiver.WaitForAsync(r => IsFor(r, id, "summoned"), 1, Patience);

        var summons = (await WaitSettledAsync(id)).Where(n => n.Kind == NotificationKind.Summoned).ToList();

        summons.Select(n => (n.Recipient, n.Channel, n.Status)).ShouldBe(
        [
            ("D-UM", Channels.Console, NotificationStatus.Sent),
            ("D-UM", Channels.Email, NotificationStatus.Sent),
            ("D-UM", "webhook:ops", NotificationStatus.Sent),
        ], ignoreOrder: true);
        summons.ShouldAllBe(n => n.Id == Notification.KeyOf(id, n.CauseVersion, n.Recipient, n.Channel) && n.CauseEvent == "WhistleBlown");
        var history = await _app.ClientFor("aud-01").GetFromJsonAsync<JsonElement>($"/api/tickets/{id}/history", Json);
        history.EnumerateArray().Single(e => e.GetProperty("version").GetInt64() == summons[0].CauseVersion)
            .GetProperty("type").GetString().ShouldBe("WhistleBlown");
    }

    [Fact]
    public async Task the_bell_counts_the_units_unread_notifications_and_one_read_is_read_for_the_unit()
    {
        var id = await OnTheTownshipsDeskAsync();
        await _app.ClientFor("disp-SC-T01").DoAsync(id, "whistles", new { departmentCodes = new[] { "D-FR" }, reason = "消防通道堵塞" });
        var department = _app.ClientFor("dept-D-FR");
        var before = await BellAsync(department);
        var entry = before.Items.First(i => i.TicketId == id && i.Kind == NotificationKind.Summoned);
        entry.Read.ShouldBeFalse();

        (await department.PostAsync($"/api/notifications/{Uri.EscapeDataString(entry.Id)}/read", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var after = await BellAsync(department);
        after.Unread.ShouldBe(before.Unread - 1);
        after.Items.Single(i => i.Id == entry.Id).Read.ShouldBeTrue();
        (await _app.ClientFor("dept-D-UM").PostAsync($"/api/notifications/{Uri.EscapeDataString(entry.Id)}/read", null))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound, "another department's notification is not theirs to read");
    }

    [Fact]
    public async Task the_bells_count_is_pushed_live_when_a_notification_arrives()
    {
        var id = await OnTheTownshipsDeskAsync();
        var console = await ConsoleClient.SignedInAsync(_app, "dept-D-AG");
        using var response = await console.GetStreamingAsync("/notifications/stream");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        using var events = new StreamReader(await response.Content.ReadAsStreamAsync());
        var before = await NextCountAsync(events);

        await _app.ClientFor("disp-SC-T01").DoAsync(id, "whistles", new { departmentCodes = new[] { "D-AG" }, reason = "秸秆焚烧" });

        (await NextCountAsync(events)).ShouldBe(before + 1);
    }

    [Fact]
    public async Task a_user_may_opt_out_of_a_kind_but_not_of_a_mandatory_one()
    {
        var village = _app.ClientFor("disp-SC-T01-V01");
        var refused = await village.PutAsJsonAsync("/api/notifications/preferences", new { optedOut = new[] { "dispatched", "red-light" } }, Json);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("optedOut")[0].GetString()!.ShouldContain("red-light");

        var id = await _app.ClientFor("op-01").ReportAsync();
        await _app.ClientFor("disp-SC-T01").DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
        (await BellAsync(village)).Items.ShouldContain(i => i.TicketId == id && i.Kind == NotificationKind.Dispatched);

        (await village.PutAsJsonAsync("/api/notifications/preferences", new { optedOut = new[] { "dispatched" } }, Json)).StatusCode.ShouldBe(HttpStatusCode.OK);
        try
        {
            (await BellAsync(village)).Items.ShouldNotContain(i => i.Kind == NotificationKind.Dispatched);
            (await BellAsync(_app.ClientFor("disp-SC-T01-V01"))).Items.ShouldNotContain(i => i.TicketId == id);
        }
        finally
        {
            await village.PutAsJsonAsync("/api/notifications/preferences", new { optedOut = Array.Empty<string>() }, Json);
        }
    }

    [Fact]
    public async Task the_citizen_gets_one_text_message_within_one_sms_length_with_the_ticket_number()
    {
        var id = await _app.ClientFor("op-01").ReportAsync();
        var number = await NumberOfAsync(id);

        var sms = (await fixture.Receiver.WaitForAsync(r => r.Path == "/sms" && r.Body.GetProperty("text").GetString()!.Contains(number), 1, Patience)).Single();

        sms.Body.GetProperty("to").GetString().ShouldBe("13812345678");
        sms.Body.GetProperty("text").GetString().ShouldBe($"您的诉求已受理，工单号{number}。");
        sms.Body.GetProperty("text").GetString()!.Length.ShouldBeLessThanOrEqualTo(TextMessage.UnicodeLength);
        sms.Authorization.ShouldBe("Basic " + Convert.ToBase64String("county:sms-password"u8.ToArray()));
    }

    [Fact]
    public async Task a_yellow_light_at_night_waits_for_the_end_of_quiet_hours_at_0830()
    {
        var night = MoveToNext(new TimeOnly(1, 0));
        var id = await _app.ClientFor("op-01").ReportAsync();
        await _app.ClientFor("disp-SC-T01").DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
        var accept = (await _app.ClocksAsync(id)).Single(c => c.Clock == Clock.Accept);
        await _app.DeliverAsync(accept, Light.Yellow);

        var yellow = (await NotificationsAsync(id)).Single(n => n.Kind == NotificationKind.YellowLight && n.Channel == "webhook:ops");
        yellow.Status.ShouldBe(NotificationStatus.Queued);
        yellow.NotBefore.ShouldBe(new DateTimeOffset(night.Date.AddHours(8.5), night.Offset));

        _app.Clock.SetUtcNow(accept.YellowAt.AddMinutes(5));
        await DeliverAsync(yellow.Id);
        (await NotificationsAsync(id)).Single(n => n.Id == yellow.Id).Status.ShouldBe(NotificationStatus.Queued, "delivered early, it waits again");
        fixture.Receiver.All.ShouldNotContain(r => IsFor(r, id, "yellow-light"));

        _app.Clock.SetUtcNow(yellow.NotBefore);
        await DeliverAsync(yellow.Id);
        await DeliverAsync(yellow.Id);

        var sent = (await NotificationsAsync(id)).Single(n => n.Id == yellow.Id);
        sent.Status.ShouldBe(NotificationStatus.Sent);
        sent.SentAt.ShouldBe(yellow.NotBefore);
        fixture.Receiver.All.Count(r => IsFor(r, id, "yellow-light")).ShouldBe(1, "a second delivery finds it sent");
    }

    [Fact]
    public async Task the_consoles_bell_shows_the_unread_count_lists_them_and_marks_one_read()
    {
        var id = await OnTheTownshipsDeskAsync();
        await _app.ClientFor("disp-SC-T01").DoAsync(id, "whistles", new { departmentCodes = new[] { "D-EM" }, reason = "小作坊安全隐患" });
        var console = await ConsoleClient.SignedInAsync(_app, "dept-D-EM");
        var unread = (await BellAsync(_app.ClientFor("dept-D-EM"))).Unread;

        var inbox = await (await console.GetAsync("/inbox")).Content.ReadAsStringAsync();
        inbox.ShouldContain($"data-testid=\"unread\">{unread}</span>");
        var page = await (await console.GetAsync("/notifications")).Content.ReadAsStringAsync();
        page.ShouldContain($"/tickets/{id}");
        page.ShouldContain("吹哨报到");
        var entry = (await BellAsync(_app.ClientFor("dept-D-EM"))).Items.First(i => i.TicketId == id);

        var read = await console.PostFormAsync("/notifications", $"/notifications?handler=Read&id={Uri.EscapeDataString(entry.Id)}", []);
        read.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await BellAsync(_app.ClientFor("dept-D-EM"))).Unread.ShouldBe(unread - 1);
        var ticket = await (await console.GetAsync($"/tickets/{id}")).Content.ReadAsStringAsync();
        ticket.ShouldContain("data-testid=\"ticket-notifications\"");
        ticket.ShouldContain("已读");
    }

    [Fact]
    public async Task forty_yellow_lights_for_one_unit_go_in_one_digest_mail()
    {
        MoveToNext(new TimeOnly(10, 0));
        var ids = new List<Guid>();
        for (var i = 0; i < 40; i++)
            ids.Add(await OnTheTownshipsDeskAsync());
        foreach (var id in ids)
            await _app.DeliverAsync((await _app.ClocksAsync(id)).Last(c => c.Clock == Clock.Resolve && c.Holder == "SC-T01"), Light.Yellow);
        var lights = new List<Notification>();
        foreach (var id in ids)
            lights.Add((await NotificationsAsync(id)).Single(n => n.Kind == NotificationKind.YellowLight && n.Channel == Channels.Email));
        lights.ShouldAllBe(n => n.Digest && n.Status == NotificationStatus.Queued && n.Address == "sc-t01@sample-county.example");

        _app.Clock.SetUtcNow(lights.Max(n => n.NotBefore));
        foreach (var light in lights.AsEnumerable().Reverse())
            await DeliverAsync(light.Id);

        var numbers = new List<string>();
        foreach (var id in ids)
            numbers.Add(await NumberOfAsync(id));
        var mail = fixture.Smtp.Messages().Where(m => numbers.Any(n => (m.TextBody ?? "").Contains(n))).Where(m => m.Subject != "新派工单").ShouldHaveSingleItem();
        mail.Subject.ShouldBe("预警汇总：40条");
        numbers.ShouldAllBe(n => (mail.TextBody ?? "").Contains(n));
        var sent = new List<Notification>();
        foreach (var id in ids)
            sent.Add((await NotificationsAsync(id)).Single(n => n.Kind == NotificationKind.YellowLight && n.Channel == Channels.Email));
        sent.ShouldAllBe(n => n.Status == NotificationStatus.Sent && n.SentWith == sent.OrderBy(x => x.CreatedAt).ThenBy(x => x.Id, StringComparer.Ordinal).First().Id);
    }

    /// <summary>The next count the bell's stream sends: an <c>unread</c> event's data.</summary>
    private static async Task<int> NextCountAsync(StreamReader events)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (await events.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
                return int.Parse(line["data: ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException("The bell's stream ended.");
    }

    /// <summary>Moves the fake clock forward to the next time of day given (China time); it never goes back.</summary>
    private DateTimeOffset MoveToNext(TimeOnly time)
    {
        var now = _app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        var at = new DateTimeOffset(now.Date + time.ToTimeSpan(), now.Offset);
        if (at <= now)
            at = at.AddDays(1);
        _app.Clock.SetUtcNow(at);
        return at;
    }

    /// <summary>A ticket the township holds in handling: dispatched to the village, escalated, accepted.</summary>
    private async Task<Guid> OnTheTownshipsDeskAsync()
    {
        var id = await _app.ClientFor("op-01").ReportAsync();
        await _app.ClientFor("disp-SC-T01").DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
        await _app.ClientFor("disp-SC-T01-V01").DoAsync(id, "escalate", new { reason = "beyond-powers" });
        await _app.ClientFor("disp-SC-T01").DoAsync(id, "accept");
        return id;
    }

    private static bool IsFor(Received r, Guid id, string kind) =>
        r.Path == "/hook" && r.Body.GetProperty("ticketId").GetGuid() == id && r.Body.GetProperty("kind").GetString() == kind;

    /// <summary>The ticket's number, by which mail and text messages name it.</summary>
    private async Task<string> NumberOfAsync(Guid id) => (await _app.EventsAsync(id)).OfType<TicketReported>().Single().Number!;

    private async Task<IReadOnlyList<MimeMessage>> WaitForMailsAsync(Guid id, Func<MimeMessage, bool> which, int count)
    {
        var number = await NumberOfAsync(id);
        var giveUp = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            var found = fixture.Smtp.Messages().Where(m => (m.TextBody ?? "").Contains(number) && which(m)).ToList();
            if (found.Count >= count)
                return found;
            if (DateTimeOffset.UtcNow > giveUp)
                throw new TimeoutException($"{count} mails for {id} did not arrive within {Patience}: {found.Count} did.");
            await Task.Delay(100);
        }
    }

    private async Task<IReadOnlyList<Notification>> NotificationsAsync(Guid id) =>
        (await _app.ClientFor("aud-01").GetFromJsonAsync<List<Notification>>($"/api/tickets/{id}/notifications", Json))!;

    /// <summary>The ticket's notifications once none is queued any more (each sent or failed), for a bounded time.</summary>
    private async Task<IReadOnlyList<Notification>> WaitSettledAsync(Guid id)
    {
        var giveUp = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            var all = await NotificationsAsync(id);
            if (all.All(n => n.Status != NotificationStatus.Queued) || DateTimeOffset.UtcNow > giveUp)
                return all;
            await Task.Delay(100);
        }
    }

    private static async Task<Bell> BellAsync(HttpClient client) => (await client.GetFromJsonAsync<Bell>("/api/notifications", Json))!;

    private async Task DeliverAsync(string notificationId)
    {
        using var scope = _app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(new DeliverNotification(notificationId));
    }
}
