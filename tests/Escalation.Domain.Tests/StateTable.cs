namespace Escalation.Domain.Tests;

/// <summary>
/// The cells of docs/rules.md where a command meets a state it is not valid in. The valid cells are
/// tested with their capability.
/// </summary>
public class StateTable
{
    private static readonly Dictionary<string, ITicketCommand> Commands = new()
    {
        ["triage"] = new TriageTicket(TicketId, DongpingDispatcher, Noise, null),
        ["accept"] = new AcceptTicket(TicketId, EastVillageLiaison),
        ["return"] = new ReturnTicket(TicketId, EastVillageLiaison, "Not ours."),
        ["escalate"] = new EscalateTicket(TicketId, EastVillageLiaison, EscalationReason.BeyondPowers, null),
        ["transfer"] = new TransferTicket(TicketId, CountyDispatcher, Housing),
        ["blow whistle"] = new BlowWhistle(TicketId, DongpingDispatcher, WhistleId, [Housing], "Help."),
        ["report in"] = new ReportIn(TicketId, HousingOfficer, WhistleId, true, null),
        ["return summons"] = new ReturnSummons(TicketId, HousingOfficer, WhistleId, "Not ours."),
        ["note progress"] = new NoteProgress(TicketId, EastVillageLiaison, "Visited."),
        ["resolve"] = new ResolveTicket(TicketId, EastVillageLiaison, "Done."),
        ["rate"] = new RateTicket(TicketId, Operator, Satisfaction.Satisfied, null),
        ["close"] = new CloseTicket(TicketId, EastVillageLiaison, null),
        ["reopen"] = new ReopenTicket(TicketId, DongpingDispatcher, "Again."),
        ["urge"] = new UrgeTicket(TicketId, CountyDispatcher, "Hurry."),
        ["withdraw"] = new WithdrawTicket(TicketId, Operator, "Settled."),
        ["request extension"] = new RequestExtension(TicketId, EastVillageLiaison, Clock.Resolve, null, Now.AddDays(1), null, "More time."),
        ["review extension"] = new ReviewExtension(TicketId, DongpingDispatcher, true, null),
        ["request pause"] = new RequestPause(TicketId, EastVillageLiaison, PauseAwaiting.Citizen, "Away.", null),
        ["review pause"] = new ReviewPause(TicketId, DongpingDispatcher, true, null),
        ["resume"] = new ResumeTicket(TicketId, EastVillageLiaison, "Back."),
        ["call back"] = new RecordCallbackAttempt(TicketId, Operator, null),
        ["review return"] = new ReviewReturn(TicketId, DongpingDispatcher, true, null),
        ["return to raiser"] = new ReturnToRaiser(TicketId, DongpingDispatcher, "Yours.", ReturnReason.NotOurPowers),
        ["change matter"] = new ChangeMatter(TicketId, DongpingDispatcher, IllegalConstruction, "Bigger."),
        // Joint handling (#18).
        ["hold conference"] = new HoldConference(TicketId, DongpingDispatcher, WhistleId, [Housing], "Minutes.", [new AgreedPart(JointRules.PartId, Housing, "Inspect.", Now.AddDays(1))]),
        ["feed back part"] = new FeedBackPart(TicketId, HousingOfficer, JointRules.PartId, "Done."),
        ["evaluate department"] = new EvaluateDepartment(TicketId, DongpingDispatcher, WhistleId, Housing, true, 5, 5, 90, null),
        ["evaluate whistle"] = new EvaluateWhistle(TicketId, HousingOfficer, WhistleId, true, false, null),
        ["assign fallback"] = new AssignFallback(TicketId, CountyDispatcher, "No unit."),
        ["assign handler"] = new AssignHandler(TicketId, EastVillageLiaison, "east-zhou"),
    };

    private static void ShouldBeInvalidIn(string command, TicketStatus status) =>
        Given(In(status)).When(Commands[command]).ShouldBeRejectedWith(RuleCodes.InvalidState);

    [Theory]
    [InlineData(TicketStatus.Dispatched)]
    [InlineData(TicketStatus.InHandling)]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Withdrawn)]
    public void triage_needs_a_reported_ticket(TicketStatus status) => ShouldBeInvalidIn("triage", status);

    [Theory]
    [InlineData(TicketStatus.Reported)]
    [InlineData(TicketStatus.InHandling)]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Withdrawn)]
    public void accepting_needs_a_dispatched_ticket(TicketStatus status) => ShouldBeInvalidIn("accept", status);

    [Theory]
    [InlineData(TicketStatus.Reported)]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Withdrawn)]
    public void returning_needs_a_dispatched_or_handled_ticket(TicketStatus status) => ShouldBeInvalidIn("return", status);

    [Theory]
    [InlineData(TicketStatus.Reported)]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Withdrawn)]
    public void escalating_needs_a_dispatched_or_handled_ticket(TicketStatus status) => ShouldBeInvalidIn("escalate", status);

    [Theory]
    [InlineData(TicketStatus.Reported)]
    [InlineData(TicketStatus.Dispatched)]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Withdrawn)]
    public void transferring_needs_a_ticket_in_handling(TicketStatus status) => ShouldBeInvalidIn("transfer", status);

    [Theory]
    [InlineData(TicketStatus.Reported)]
    [InlineData(TicketStatus.Dispatched)]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Withdrawn)]
    public void blowing_the_whistle_needs_a_ticket_in_handling(TicketStatus status) => ShouldBeInvalidIn("blow whistle", status);

    [Theory]
    [InlineData(TicketStatus.Reported)]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Withdrawn)]
    public void reporting_in_needs_a_dispatched_or_handled_ticket(TicketStatus status) => ShouldBeInvalidIn("report in", status);

    [Theory]
    [InlineData(TicketStatus.Reported)]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Withdrawn)]
    public void returning_a_summons_needs_a_dispatched_or_handled_ticket(TicketStatus status) => ShouldBeInvalidIn("return summons", status);

    [Theory]
    [InlineData(TicketStatus.Reported)]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Withdrawn)]
    public void noting_progress_needs_a_dispatched_or_handled_ticket(TicketStatus status) => ShouldBeInvalidIn("note progress", status);

    [Theory]
    [InlineData(TicketStatus.Reported)]
    [InlineData(TicketStatus.Dispatched)]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Withdrawn)]
    public void resolving_needs_a_ticket_in_handling(TicketStatus status) => ShouldBeInvalidIn("resolve", status);

    [Theory]
    [InlineData(TicketStatus.Reported)]
    [InlineData(TicketStatus.Dispatched)]
    [InlineData(TicketStatus.InHandling)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Withdrawn)]
    public void rating_needs_a_resolved_ticket(TicketStatus status) => ShouldBeInvalidIn("rate", status);

    [Theory]
    [InlineData(TicketStatus.Reported)]
    [InlineData(TicketStatus.Dispatched)]
    [InlineData(TicketStatus.InHandling)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Withdrawn)]
    public void closing_needs_a_resolved_ticket(TicketStatus status) => ShouldBeInvalidIn("close", status);

    [Theory]
    [InlineData(TicketStatus.Reported)]
    [InlineData(TicketStatus.Dispatched)]
    [InlineData(TicketStatus.InHandling)]
    [InlineData(TicketStatus.Withdrawn)]
    public void reopening_needs_a_resolved_or_closed_ticket(TicketStatus status) => ShouldBeInvalidIn("reopen", status);

    [Theory]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Withdrawn)]
    public void urging_needs_an_open_ticket(TicketStatus status) => ShouldBeInvalidIn("urge", status);

    [Theory]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Withdrawn)]
    public void withdrawing_needs_an_unresolved_ticket(TicketStatus status) => ShouldBeInvalidIn("withdraw", status);

    [Theory]
    [InlineData(TicketStatus.Reported)]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Withdrawn)]
    public void asking_for_an_extension_needs_a_dispatched_or_handled_ticket(TicketStatus status) => ShouldBeInvalidIn("request extension", status);

    [Theory]
    [InlineData(TicketStatus.Reported)]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Withdrawn)]
    public void reviewing_an_extension_needs_a_dispatched_or_handled_ticket(TicketStatus status) => ShouldBeInvalidIn("review extension", status);

    [Theory]
    [InlineData(TicketStatus.Reported)]
    [InlineData(TicketStatus.Dispatched)]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Withdrawn)]
    public void pausing_reviewing_a_pause_and_resuming_need_a_ticket_in_handling(TicketStatus status)
    {
        ShouldBeInvalidIn("request pause", status);
        ShouldBeInvalidIn("review pause", status);
        ShouldBeInvalidIn("resume", status);
    }

    [Theory]
    [InlineData(TicketStatus.Reported)]
    [InlineData(TicketStatus.Dispatched)]
    [InlineData(TicketStatus.InHandling)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Withdrawn)]
    public void a_callback_attempt_needs_a_resolved_ticket(TicketStatus status) => ShouldBeInvalidIn("call back", status);

    [Theory]
    [InlineData(TicketStatus.Reported)]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Withdrawn)]
    public void a_conference_and_feeding_back_a_part_need_a_dispatched_or_handled_ticket(TicketStatus status)
    {
        ShouldBeInvalidIn("hold conference", status);
        ShouldBeInvalidIn("feed back part", status);
    }

    [Theory]
    [InlineData(TicketStatus.Reported)]
    [InlineData(TicketStatus.Withdrawn)]
    public void evaluations_need_a_ticket_dispatched_handled_resolved_or_closed(TicketStatus status)
    {
        ShouldBeInvalidIn("evaluate department", status);
        ShouldBeInvalidIn("evaluate whistle", status);
    }

    [Theory]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Withdrawn)]
    public void the_fallback_owner_takes_only_an_open_unresolved_ticket(TicketStatus status) => ShouldBeInvalidIn("assign fallback", status);

    [Theory]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Withdrawn)]
    public void a_handler_is_named_only_on_an_open_ticket(TicketStatus status) => ShouldBeInvalidIn("assign handler", status);

    public static TheoryData<string> EveryCommand => [.. Commands.Keys];

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public void a_merged_duplicate_refuses_every_command_as_merged(string command) =>
        Given(MergedIntoMaster).When(Commands[command]).ShouldBeRejectedWith(RuleCodes.TicketMerged);

    [Theory]
    [InlineData(TicketStatus.Reported)]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Withdrawn)]
    public void reviewing_a_return_needs_a_dispatched_or_handled_ticket(TicketStatus status) => ShouldBeInvalidIn("review return", status);

    [Theory]
    [InlineData(TicketStatus.Reported)]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Withdrawn)]
    public void returning_to_the_raiser_needs_a_dispatched_or_handled_ticket(TicketStatus status) => ShouldBeInvalidIn("return to raiser", status);

    [Theory]
    [InlineData(TicketStatus.Reported)]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Withdrawn)]
    public void changing_the_matter_needs_a_dispatched_or_handled_ticket(TicketStatus status) => ShouldBeInvalidIn("change matter", status);
}
