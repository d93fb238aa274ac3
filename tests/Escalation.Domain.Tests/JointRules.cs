namespace Escalation.Domain.Tests;

/// <summary>
/// Joint handling (#18): the steps after report-in (conference, parts fed back, evaluation both ways), lead and
/// co-handlers, the fallback owner (兜底) and named handlers.
/// </summary>
public class JointRules
{
    public static readonly Guid PartId = new("7a9c2e10-0b1d-4c5e-9f00-000000000001");
    public static readonly Guid OtherPartId = new("7a9c2e10-0b1d-4c5e-9f00-000000000002");

    private static readonly DateTimeOffset Due = Now.AddHours(4);

    private static readonly AgreedPart HousingPart = new(PartId, Housing, "Inspect the extension's structure.", Due);
    private static readonly AgreedPart UrbanPart = new(OtherPartId, UrbanManagement, "Serve the demolition notice.", Due);

    private static readonly object[] Whistled = [.. InHandlingAtDongping, WhistleBlownBy(DongpingDispatcher, UrbanManagement, Housing)];
    private static readonly object[] BothReportedIn = [.. Whistled, ReportedIn(UrbanOfficer), ReportedIn(HousingOfficer)];

    private static readonly ConferenceHeld Conference =
        new(TicketId, DongpingDispatcher, Earlier, WhistleId, Dongping, [Dongping, UrbanManagement, Housing], "Agreed who does what.", [HousingPart, UrbanPart]);

    private static readonly object[] Conferred = [.. BothReportedIn, Conference];

    private static PartFedBack FedBack(Actor by, AgreedPart part, DateTimeOffset? at = null) =>
        new(TicketId, by, at ?? Earlier, part.PartId, WhistleId, part.Party, Dongping, part.Due, "Done.");

    private static readonly object[] AllFedBack = [.. Conferred, FedBack(HousingOfficer, HousingPart), FedBack(UrbanOfficer, UrbanPart)];

    private static readonly CoHandlersNamed CoHandled = new(TicketId, CountyDispatcher, Earlier, Housing, [new AgreedPart(PartId, UrbanManagement, "Cordon the site.", Due)]);

    /// <summary>The states joint handling adds, for the permission rules to try every action on.</summary>
    public static readonly object[][] Histories =
    [
        BothReportedIn,
        Conferred,
        [.. Conferred, FedBack(HousingOfficer, HousingPart)],
        [.. AllFedBack, Resolved(DongpingDispatcher)],
        [.. InHandlingAtHousing, CoHandled],
        [.. InHandlingAtCounty, new FallbackAssigned(TicketId, CountyDispatcher, Earlier, County, false, Tier.County, "No unit.")],
    ];

    private static readonly ReferenceData WithUsers = new(
        "test-1", TestCounty.Reference.Units, TestCounty.Reference.Departments, TestCounty.Reference.Catalogue,
        [
            new("dongping-zhao", "赵", "Zhao", Role.Dispatcher, Dongping),
            new("dongping-ma", "马", "Ma", Role.Dispatcher, Dongping),
            new("xiping-sun", "孙", "Sun", Role.Dispatcher, Xiping),
        ]);

    private static Decision WithStaff(Ticket state, ITicketCommand command) => command.Decide(state, new DecisionContext(Now, WithUsers, CountySettings.Default));

    private static HoldConference Confer(IReadOnlyList<string>? participants = null, string minutes = "Agreed who does what.", params AgreedPart[] parts) =>
        new(TicketId, DongpingDispatcher, WhistleId, participants ?? [Dongping, UrbanManagement, Housing], minutes, parts.Length == 0 ? [HousingPart, UrbanPart] : parts);

    // The conference (会商).

    [Fact]
    public void the_whistling_unit_holds_the_conference_with_the_parties_that_reported_in_and_agrees_their_parts() =>
        Given(BothReportedIn).When(Confer()).ShouldEmitTheSame(Conference with { At = Now });

    [Fact]
    public void each_agreed_part_runs_a_clock_of_its_own_for_its_party_until_its_due_time()
    {
        var turn = Given(BothReportedIn).Turn(Confer());

        turn.Events.OfType<TimeLimitStarted>().Select(l => (l.Clock, l.Holder, l.WhistleId, l.Deadline))
            .ShouldBe([(Clock.Part, Housing, (Guid?)PartId, Due), (Clock.Part, UrbanManagement, (Guid?)OtherPartId, Due)]);
    }

    [Fact]
    public void only_the_whistling_unit_holds_the_conference() =>
        Given(BothReportedIn).When(Confer() with { By = CountyDispatcher }).ShouldBeRejectedWith(RuleCodes.NotWhistler);

    [Fact]
    public void a_conference_is_held_on_a_whistle_of_the_ticket() =>
        Given(BothReportedIn).When(Confer() with { WhistleId = Guid.NewGuid() }).ShouldBeRejectedWith(RuleCodes.UnknownWhistle);

    [Fact]
    public void the_conference_follows_report_in() =>
        Given(Whistled).When(Confer()).ShouldBeRejectedWith(RuleCodes.NoneReportedIn);

    [Fact]
    public void a_whistle_has_one_conference() =>
        Given(Conferred).When(Confer()).ShouldBeRejectedWith(RuleCodes.ConferenceAlreadyHeld);

    [Fact]
    public void a_conference_keeps_minutes() =>
        Given(BothReportedIn).When(Confer(minutes: " ")).ShouldBeRejectedWith(RuleCodes.MinutesRequired);

    [Fact]
    public void only_parties_that_reported_in_take_part() =>
        Given([.. Whistled, ReportedIn(HousingOfficer)]).When(Confer([Dongping, UrbanManagement, Housing], parts: HousingPart))
            .ShouldBeRejectedWith(RuleCodes.NotParticipant);

    [Fact]
    public void a_conference_agrees_at_least_one_part() =>
        Given(BothReportedIn).When(Confer() with { Parts = [] }).ShouldBeRejectedWith(RuleCodes.PartsRequired);

    [Fact]
    public void a_part_goes_to_a_participant() =>
        Given(BothReportedIn).When(Confer([Dongping, Housing], parts: UrbanPart)).ShouldBeRejectedWith(RuleCodes.NotParticipant);

    [Fact]
    public void a_part_says_what_is_to_be_done() =>
        Given(BothReportedIn).When(Confer(parts: HousingPart with { Task = "" })).ShouldBeRejectedWith(RuleCodes.TaskRequired);

    [Fact]
    public void a_part_is_due_after_now() =>
        Given(BothReportedIn).When(Confer(parts: HousingPart with { Due = Now })).ShouldBeRejectedWith(RuleCodes.PartDueNotLater);

    [Fact]
    public void a_conference_agrees_one_part_per_party() =>
        Given(BothReportedIn).When(Confer(parts: [HousingPart, HousingPart with { PartId = OtherPartId }])).ShouldBeRejectedWith(RuleCodes.DuplicateDepartment);

    // Carrying out and feeding back (落实, 反馈).

    [Fact]
    public void a_party_feeds_back_its_part_with_the_parts_due_time() =>
        Given(Conferred).When(new FeedBackPart(TicketId, HousingOfficer, PartId, "Structure checked."))
            .ShouldEmit(new PartFedBack(TicketId, HousingOfficer, Now, PartId, WhistleId, Housing, Dongping, Due, "Structure checked."));

    [Fact]
    public void a_late_part_is_still_fed_back_and_its_lateness_reads_from_the_event() =>
        Given([.. BothReportedIn, Conference with { Parts = [HousingPart with { Due = Earlier.AddHours(1) }] }])
            .When(new FeedBackPart(TicketId, HousingOfficer, PartId, "Late, but done."))
            .ShouldEmit(new PartFedBack(TicketId, HousingOfficer, Now, PartId, WhistleId, Housing, Dongping, Earlier.AddHours(1), "Late, but done."));

    [Fact]
    public void only_the_party_feeds_back_its_part() =>
        Given(Conferred).When(new FeedBackPart(TicketId, UrbanOfficer, PartId, "Done.")).ShouldBeRejectedWith(RuleCodes.NotPartHolder);

    [Fact]
    public void a_part_fed_back_is_a_part_of_the_ticket() =>
        Given(Conferred).When(new FeedBackPart(TicketId, HousingOfficer, Guid.NewGuid(), "Done.")).ShouldBeRejectedWith(RuleCodes.UnknownPart);

    [Fact]
    public void a_part_is_fed_back_once() =>
        Given([.. Conferred, FedBack(HousingOfficer, HousingPart)]).When(new FeedBackPart(TicketId, HousingOfficer, PartId, "Again."))
            .ShouldBeRejectedWith(RuleCodes.PartAlreadyFedBack);

    [Fact]
    public void a_feedback_says_what_was_done() =>
        Given(Conferred).When(new FeedBackPart(TicketId, HousingOfficer, PartId, "")).ShouldBeRejectedWith(RuleCodes.NoteRequired);

    [Fact]
    public void a_parts_clock_runs_until_the_part_is_fed_back()
    {
        var limit = new TimeLimitStarted(TicketId, DongpingDispatcher, Earlier, Clock.Part, Housing, Now, Due, PartId);
        Given([.. Conferred, limit]).Runs(Given([.. Conferred, limit]).Clocks.Single()).ShouldBeTrue();
        var fedBack = Given([.. Conferred, limit, FedBack(HousingOfficer, HousingPart)]);
        fedBack.Runs(fedBack.Clocks.Single()).ShouldBeFalse();
    }

    [Fact]
    public void a_missed_part_lights_red_and_the_ticket_stays_where_it_is()
    {
        var limit = new TimeLimitStarted(TicketId, DongpingDispatcher, Earlier, Clock.Part, Housing, Earlier, Earlier.AddHours(1), PartId);
        Given([.. Conferred, limit])
            .When(new CheckTimeLimit(TicketId, Clock.Part, Light.Red, Housing, Earlier.AddHours(1), PartId))
            .ShouldEmit(new WarningLightLit(TicketId, Actor.System, Now, Clock.Part, Light.Red, Housing, Earlier.AddHours(1), PartId));
    }

    [Fact]
    public void the_lead_does_not_resolve_while_a_part_is_not_fed_back() =>
        Given([.. Conferred, FedBack(HousingOfficer, HousingPart)]).When(new ResolveTicket(TicketId, DongpingDispatcher, "Done."))
            .ShouldBeRejectedWith(RuleCodes.PartsOutstanding);

    [Fact]
    public void the_lead_resolves_once_every_part_is_fed_back() =>
        Given(AllFedBack).When(new ResolveTicket(TicketId, DongpingDispatcher, "Done."))
            .ShouldEmit(new TicketResolved(TicketId, DongpingDispatcher, Now, "Done.", Dongping));

    [Fact]
    public void where_the_county_allows_it_the_lead_overrides_the_outstanding_parts_with_a_reason() =>
        Given([.. Conferred, FedBack(HousingOfficer, HousingPart)])
            .When(new ResolveTicket(TicketId, DongpingDispatcher, "Done.", "Urban management's part is moot: the owner demolished it."), new CountySettings { LeadMayOverrideParts = true })
            .ShouldEmitTheSame(
                new PartsOverridden(TicketId, DongpingDispatcher, Now, [OtherPartId], "Urban management's part is moot: the owner demolished it."),
                new TicketResolved(TicketId, DongpingDispatcher, Now, "Done.", Dongping));

    [Fact]
    public void an_override_needs_a_reason() =>
        Given(Conferred).When(new ResolveTicket(TicketId, DongpingDispatcher, "Done.", " "), new CountySettings { LeadMayOverrideParts = true })
            .ShouldBeRejectedWith(RuleCodes.PartsOutstanding);

    // Evaluation both ways (评价).

    [Fact]
    public void the_whistling_unit_evaluates_each_department_on_time_attitude_and_result_with_a_score() =>
        Given(AllFedBack).When(new EvaluateDepartment(TicketId, DongpingDispatcher, WhistleId, Housing, true, 5, 4, 92, "Quick."))
            .ShouldEmit(new DepartmentEvaluated(TicketId, DongpingDispatcher, Now, WhistleId, Dongping, Housing, true, 5, 4, 92, "Quick."));

    [Fact]
    public void a_department_is_evaluated_after_the_ticket_is_resolved_too() =>
        Given([.. AllFedBack, Resolved(DongpingDispatcher)]).When(new EvaluateDepartment(TicketId, DongpingDispatcher, WhistleId, Housing, false, 3, 3, 60, null))
            .ShouldEmit(new DepartmentEvaluated(TicketId, DongpingDispatcher, Now, WhistleId, Dongping, Housing, false, 3, 3, 60, null));

    [Fact]
    public void only_the_whistling_unit_evaluates_the_departments() =>
        Given(AllFedBack).When(new EvaluateDepartment(TicketId, CountyDispatcher, WhistleId, Housing, true, 5, 5, 90, null)).ShouldBeRejectedWith(RuleCodes.NotWhistler);

    [Fact]
    public void an_evaluation_is_of_a_whistle_of_the_ticket() =>
        Given(AllFedBack).When(new EvaluateDepartment(TicketId, DongpingDispatcher, Guid.NewGuid(), Housing, true, 5, 5, 90, null)).ShouldBeRejectedWith(RuleCodes.UnknownWhistle);

    [Fact]
    public void only_a_summoned_department_is_evaluated() =>
        Given(AllFedBack).When(new EvaluateDepartment(TicketId, DongpingDispatcher, WhistleId, MarketRegulation, true, 5, 5, 90, null)).ShouldBeRejectedWith(RuleCodes.DepartmentNotSummoned);

    [Fact]
    public void a_department_that_returned_its_summons_is_not_evaluated() =>
        Given([.. Whistled, SummonsReturned(UrbanOfficer, Dongping)]).When(new EvaluateDepartment(TicketId, DongpingDispatcher, WhistleId, UrbanManagement, true, 5, 5, 90, null))
            .ShouldBeRejectedWith(RuleCodes.DepartmentNotSummoned);

    [Fact]
    public void a_department_is_evaluated_once_per_whistle() =>
        Given([.. AllFedBack, new DepartmentEvaluated(TicketId, DongpingDispatcher, Earlier, WhistleId, Dongping, Housing, true, 5, 5, 90, null)])
            .When(new EvaluateDepartment(TicketId, DongpingDispatcher, WhistleId, Housing, true, 5, 5, 95, null)).ShouldBeRejectedWith(RuleCodes.AlreadyEvaluated);

    [Theory]
    [InlineData(0, 3, 50)]
    [InlineData(6, 3, 50)]
    [InlineData(3, 0, 50)]
    [InlineData(3, 3, -1)]
    [InlineData(3, 3, 101)]
    public void attitude_and_result_are_one_to_five_and_the_score_zero_to_a_hundred(int attitude, int result, int score) =>
        Given(AllFedBack).When(new EvaluateDepartment(TicketId, DongpingDispatcher, WhistleId, Housing, true, attitude, result, score, null)).ShouldBeRejectedWith(RuleCodes.ScoreOutOfRange);

    [Fact]
    public void a_department_marks_a_whistle_justified_and_beyond_the_whistlers_powers_and_it_is_not_frivolous() =>
        Given(AllFedBack).When(new EvaluateWhistle(TicketId, HousingOfficer, WhistleId, true, false, null))
            .ShouldEmit(new WhistleEvaluated(TicketId, HousingOfficer, Now, WhistleId, Dongping, Housing, true, false, false, null));

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public void a_whistle_unjustified_or_within_the_whistlers_own_powers_is_frivolous(bool justified, bool withinOwnPowers) =>
        Given(AllFedBack).When(new EvaluateWhistle(TicketId, UrbanOfficer, WhistleId, justified, withinOwnPowers, "Ours? No."))
            .ShouldEmit(new WhistleEvaluated(TicketId, UrbanOfficer, Now, WhistleId, Dongping, UrbanManagement, justified, withinOwnPowers, true, "Ours? No."));

    [Fact]
    public void only_a_summoned_department_evaluates_the_whistle() =>
        Given(AllFedBack).When(new EvaluateWhistle(TicketId, MarketOfficer, WhistleId, true, false, null)).ShouldBeRejectedWith(RuleCodes.DepartmentNotSummoned);

    [Fact]
    public void a_department_evaluates_a_whistle_once() =>
        Given([.. AllFedBack, new WhistleEvaluated(TicketId, HousingOfficer, Earlier, WhistleId, Dongping, Housing, true, false, false, null)])
            .When(new EvaluateWhistle(TicketId, HousingOfficer, WhistleId, false, false, null)).ShouldBeRejectedWith(RuleCodes.AlreadyEvaluated);

    // Lead and co-handlers (牵头, 协办).

    private static DispatchWithCoHandlers TransferWith(params CoHandler[] coHandlers) =>
        new(new TransferTicket(TicketId, CountyDispatcher, Housing), coHandlers);

    [Fact]
    public void a_transfer_names_its_department_the_lead_and_each_co_handler_its_part() =>
        Given(InHandlingAtCounty).When(TransferWith(new CoHandler(PartId, UrbanManagement, "Cordon the site.", Due)))
            .ShouldEmitTheSame(
                new TicketTransferred(TicketId, CountyDispatcher, Now, Housing, County),
                new CoHandlersNamed(TicketId, CountyDispatcher, Now, Housing, [new AgreedPart(PartId, UrbanManagement, "Cordon the site.", Due)]));

    [Fact]
    public void a_co_handlers_part_without_a_due_time_gets_the_countys_limit_to_resolve_the_matter()
    {
        var decision = Given(InHandlingAtCounty).When(TransferWith(new CoHandler(PartId, UrbanManagement, "Cordon the site.", null)));

        var expected = TestCounty.Reference.TimeLimits.DeadlineFor(Clock.Resolve, TimeLimitClass.Complex, Urgency.Normal, Tier.County, Now).DueAt;
        decision.Events.OfType<CoHandlersNamed>().Single().Parts.Single().Due.ShouldBe(expected);
    }

    [Fact]
    public void a_triage_names_its_unit_the_lead_and_the_co_handlers_clocks_start() =>
        Given(ReportedAtDongping)
            .Turn(new DispatchWithCoHandlers(new TriageTicket(TicketId, DongpingDispatcher, Noise, EastVillage), [new CoHandler(PartId, UrbanManagement, "Measure the noise.", Due)]))
            .Events.OfType<TimeLimitStarted>().Where(l => l.Clock == Clock.Part).Select(l => (l.Holder, l.WhistleId, l.Deadline))
            .ShouldBe([(UrbanManagement, (Guid?)PartId, Due)]);

    [Fact]
    public void a_dispatch_the_rules_refuse_is_refused_with_its_co_handlers() =>
        Given(InHandlingAtDongping).When(TransferWith(new CoHandler(PartId, UrbanManagement, "Cordon the site.", Due)))
            .ShouldBeRejectedWith(RuleCodes.TicketNotHeldByUnit);

    [Fact]
    public void the_lead_is_not_its_own_co_handler() =>
        Given(InHandlingAtCounty).When(TransferWith(new CoHandler(PartId, Housing, "Also us.", Due))).ShouldBeRejectedWith(RuleCodes.CoHandlerIsLead);

    [Fact]
    public void a_co_handler_is_a_department_of_the_county() =>
        Given(InHandlingAtCounty).When(TransferWith(new CoHandler(PartId, "nowhere", "Help.", Due))).ShouldBeRejectedWith(RuleCodes.UnknownDepartment);

    [Fact]
    public void a_dispatch_names_each_co_handler_once() =>
        Given(InHandlingAtCounty).When(TransferWith(new CoHandler(PartId, UrbanManagement, "A.", Due), new CoHandler(OtherPartId, UrbanManagement, "B.", Due)))
            .ShouldBeRejectedWith(RuleCodes.DuplicateDepartment);

    [Fact]
    public void a_co_handlers_part_says_what_and_is_due_after_now()
    {
        Given(InHandlingAtCounty).When(TransferWith(new CoHandler(PartId, UrbanManagement, " ", Due))).ShouldBeRejectedWith(RuleCodes.TaskRequired);
        Given(InHandlingAtCounty).When(TransferWith(new CoHandler(PartId, UrbanManagement, "A.", Now))).ShouldBeRejectedWith(RuleCodes.PartDueNotLater);
    }

    [Fact]
    public void a_co_handler_feeds_back_its_part_to_the_dispatcher_and_the_lead_waits_for_it()
    {
        var coHandled = Given([.. InHandlingAtHousing, CoHandled]);
        coHandled.When(new ResolveTicket(TicketId, HousingOfficer, "Repaired.")).ShouldBeRejectedWith(RuleCodes.PartsOutstanding);
        coHandled.When(new FeedBackPart(TicketId, UrbanOfficer, PartId, "Cordoned."))
            .ShouldEmit(new PartFedBack(TicketId, UrbanOfficer, Now, PartId, null, UrbanManagement, County, Due, "Cordoned."));
    }

    // The fallback owner (兜底).

    [Fact]
    public void a_matter_no_unit_can_be_found_for_goes_to_the_county_by_default() =>
        Given(ReportedAtDongping).When(new AssignFallback(TicketId, DongpingDispatcher, "No unit has power over it."))
            .ShouldEmit(new FallbackAssigned(TicketId, DongpingDispatcher, Now, County, false, Tier.County, "No unit has power over it."));

    [Fact]
    public void the_county_names_a_department_its_fallback_owner_and_that_department_holds_the_ticket()
    {
        var settings = new CountySettings { FallbackOwner = Housing };
        var decision = Given(InHandlingAtCounty).When(new AssignFallback(TicketId, CountyDispatcher, "Nobody's."), settings);

        decision.ShouldEmit(new FallbackAssigned(TicketId, CountyDispatcher, Now, Housing, true, Tier.County, "Nobody's."));
        var held = Given([.. InHandlingAtCounty, .. decision.Events]);
        (held.Status, held.Holder, held.Joint.FallbackOwner).ShouldBe((TicketStatus.Dispatched, Housing, Housing));
    }

    [Fact]
    public void the_fallback_owner_must_accept_it_and_resolve_it_within_its_own_limit()
    {
        var turn = Given(ReportedAtDongping).Turn(new AssignFallback(TicketId, DongpingDispatcher, "Nobody's."), new CountySettings { FallbackLimit = TimeSpan.FromDays(10) });

        turn.Events.OfType<TimeLimitStarted>().Select(l => (l.Clock, l.Holder)).ShouldBe([(Clock.Accept, County), (Clock.Fallback, County)]);
        turn.Events.OfType<TimeLimitStarted>().Single(l => l.Clock == Clock.Fallback).Deadline.ShouldBe(Now.AddDays(10));
    }

    [Fact]
    public void only_the_holder_or_a_unit_above_it_sends_a_ticket_to_the_fallback_owner() =>
        Given(ReportedAtDongping).When(new AssignFallback(TicketId, XipingDispatcher, "Nobody's.")).ShouldBeRejectedWith(RuleCodes.NotHolderOrAbove);

    [Fact]
    public void a_ticket_the_fallback_owner_holds_is_not_sent_to_it_again() =>
        Given([.. ReportedAtDongping, new FallbackAssigned(TicketId, DongpingDispatcher, Earlier, County, false, Tier.County, "Nobody's.")])
            .When(new AssignFallback(TicketId, CountyDispatcher, "Again.")).ShouldBeRejectedWith(RuleCodes.FallbackOwnerHolds);

    [Fact]
    public void sending_to_the_fallback_owner_says_why() =>
        Given(ReportedAtDongping).When(new AssignFallback(TicketId, DongpingDispatcher, "")).ShouldBeRejectedWith(RuleCodes.ReasonRequired);

    [Fact]
    public void a_fallback_owner_that_is_neither_unit_nor_department_is_refused() =>
        Given(ReportedAtDongping).When(new AssignFallback(TicketId, DongpingDispatcher, "Nobody's."), new CountySettings { FallbackOwner = "nowhere" })
            .ShouldBeRejectedWith(RuleCodes.UnknownDepartment);

    // Named handlers.

    [Fact]
    public void the_holding_unit_names_a_person_of_its_own_to_handle_the_ticket() =>
        WithStaff(Given(InHandlingAtDongping), new AssignHandler(TicketId, DongpingDispatcher, "dongping-ma"))
            .ShouldEmit(new HandlerAssigned(TicketId, DongpingDispatcher, Now, Dongping, "dongping-ma", null));

    [Fact]
    public void naming_another_is_a_reassignment_that_says_who_had_it() =>
        WithStaff(Given([.. InHandlingAtDongping, new HandlerAssigned(TicketId, DongpingDispatcher, Earlier, Dongping, "dongping-ma", null)]),
                new AssignHandler(TicketId, DongpingDispatcher, "dongping-zhao"))
            .ShouldEmit(new HandlerAssigned(TicketId, DongpingDispatcher, Now, Dongping, "dongping-zhao", "dongping-ma"));

    [Fact]
    public void a_handler_is_a_user_of_the_county() =>
        WithStaff(Given(InHandlingAtDongping), new AssignHandler(TicketId, DongpingDispatcher, "nobody")).ShouldBeRejectedWith(RuleCodes.UnknownUser);

    [Fact]
    public void a_handler_belongs_to_the_unit_holding_the_ticket() =>
        WithStaff(Given(InHandlingAtDongping), new AssignHandler(TicketId, DongpingDispatcher, "xiping-sun")).ShouldBeRejectedWith(RuleCodes.HandlerNotInUnit);

    [Fact]
    public void the_same_handler_is_not_named_twice() =>
        WithStaff(Given([.. InHandlingAtDongping, new HandlerAssigned(TicketId, DongpingDispatcher, Earlier, Dongping, "dongping-ma", null)]),
                new AssignHandler(TicketId, DongpingDispatcher, "dongping-ma"))
            .ShouldBeRejectedWith(RuleCodes.AlreadyAssigned);

    [Fact]
    public void only_the_holder_names_a_handler() =>
        WithStaff(Given(InHandlingAtDongping), new AssignHandler(TicketId, CountyDispatcher, "dongping-ma")).ShouldBeRejectedWith(RuleCodes.TicketNotHeldByUnit);

    [Fact]
    public void a_named_handler_no_longer_has_the_ticket_once_it_leaves_the_unit()
    {
        var assigned = Given([.. InHandlingAtDongping, new HandlerAssigned(TicketId, DongpingDispatcher, Earlier, Dongping, "dongping-ma", null)]);
        assigned.HandlerUserId.ShouldBe("dongping-ma");
        assigned.Evolve(Escalated(DongpingDispatcher, Dongping, County, Tier.Township, Tier.County)).HandlerUserId.ShouldBeNull();
    }
}

/// <summary>Events holding lists compare by value here: a record compares its lists by reference.</summary>
internal static class SameEvents
{
    public static void ShouldEmitTheSame(this Decision decision, params object[] expected)
    {
        decision.Rejection.ShouldBeNull();
        decision.Events.Select(Text).ShouldBe(expected.Select(Text));
    }

    private static string Text(object e) => e.GetType().Name + System.Text.Json.JsonSerializer.Serialize(e, e.GetType());
}
