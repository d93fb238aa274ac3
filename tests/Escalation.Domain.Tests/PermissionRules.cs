using System.Reflection;

namespace Escalation.Domain.Tests;

/// <summary>
/// What the console offers is what the domain would accept: an action is refused on a ticket by its state and holder
/// exactly when its command is refused for the same reason, whatever the request would carry.
/// </summary>
public class PermissionRules
{
    private static readonly Actor Administrator = new("admin", "administrator", County);

    /// <summary>The codes of rules about the ticket's state and holder; any other refusal depends on what the request carries.</summary>
    private static readonly string[] StateRules =
    [
        RuleCodes.InvalidState, RuleCodes.TicketMerged, RuleCodes.TicketNotHeldByUnit, RuleCodes.NotHolderOrAbove, RuleCodes.NotAboveHolder,
        RuleCodes.NotHolderOrSummoned, RuleCodes.TopTierReached, RuleCodes.OnlyCountyTransfers, RuleCodes.NoDispatcherToReturnTo,
        RuleCodes.WhistleOnlyByTownshipOrCounty, RuleCodes.UnknownWhistle, RuleCodes.DepartmentNotSummoned, RuleCodes.SummonsAlreadyAnswered,
        RuleCodes.AlreadyRated, RuleCodes.RatingWindowOpen, RuleCodes.CitizenDataAlreadyErased,
        RuleCodes.ExtensionPending, RuleCodes.ExtensionsExhausted, RuleCodes.NoExtensionPending, RuleCodes.NotReviewer,
        RuleCodes.AlreadyPaused, RuleCodes.PausePending, RuleCodes.PauseExhausted, RuleCodes.NoPausePending, RuleCodes.NotPaused,
        RuleCodes.ReturnWindowPassed,
        RuleCodes.CitizenUnreachable,
        RuleCodes.WhistleTierNotAllowed, RuleCodes.NotWhistler, RuleCodes.ConferenceAlreadyHeld, RuleCodes.NoneReportedIn, RuleCodes.UnknownPart,
        RuleCodes.NotPartHolder, RuleCodes.PartAlreadyFedBack, RuleCodes.FallbackOwnerHolds,
    ];

    /// <summary>Each action with a command carrying valid input, by actors who may or may not act.</summary>
    private static IEnumerable<(TicketAction Action, ITicketCommand Command, Guid? WhistleId)> Attempts()
    {
        Actor[] actors = [DongpingDispatcher, EastVillageLiaison, WestVillageLiaison, CountyDispatcher, HousingOfficer, UrbanOfficer, Operator, Administrator];
        foreach (var by in actors)
        {
            yield return (TicketAction.Triage, new TriageTicket(TicketId, by, Noise, null), null);
            yield return (TicketAction.Accept, new AcceptTicket(TicketId, by), null);
            yield return (TicketAction.Return, new ReturnTicket(TicketId, by, "Not ours."), null);
            yield return (TicketAction.Escalate, new EscalateTicket(TicketId, by, EscalationReason.BeyondPowers, null), null);
            yield return (TicketAction.Transfer, new TransferTicket(TicketId, by, Housing), null);
            yield return (TicketAction.BlowWhistle, new BlowWhistle(TicketId, by, Guid.NewGuid(), [Housing], "Help."), null);
            yield return (TicketAction.ReportIn, new ReportIn(TicketId, by, WhistleId, true, null), WhistleId);
            yield return (TicketAction.Return, new ReturnSummons(TicketId, by, WhistleId, "Not ours."), WhistleId);
            yield return (TicketAction.NoteProgress, new NoteProgress(TicketId, by, "Visited."), null);
            yield return (TicketAction.Resolve, new ResolveTicket(TicketId, by, "Done."), null);
            yield return (TicketAction.Rate, new RateTicket(TicketId, by, Satisfaction.Satisfied, null), null);
            yield return (TicketAction.Close, new CloseTicket(TicketId, by, null), null);
            yield return (TicketAction.Reopen, new ReopenTicket(TicketId, by, "Again."), null);
            yield return (TicketAction.Urge, new UrgeTicket(TicketId, by, "Hurry."), null);
            yield return (TicketAction.Merge, new MergeTicket(TicketId, by, MasterId), null);
            yield return (TicketAction.Withdraw, new WithdrawTicket(TicketId, by, "Settled."), null);
            yield return (TicketAction.EraseCitizenData, new EraseCitizenData(TicketId, by), null);
            yield return (TicketAction.RequestExtension, new RequestExtension(TicketId, by, Clock.Resolve, null, Now.AddHours(1), null, "More time."), null);
            yield return (TicketAction.ReviewExtension, new ReviewExtension(TicketId, by, true, null), null);
            yield return (TicketAction.RequestPause, new RequestPause(TicketId, by, PauseAwaiting.ThirdParty, "Away.", null), null);
            yield return (TicketAction.ReviewPause, new ReviewPause(TicketId, by, true, null), null);
            yield return (TicketAction.Resume, new ResumeTicket(TicketId, by, "Back."), null);
            yield return (TicketAction.CallBack, new RecordCallbackAttempt(TicketId, by, null), null);
            yield return (TicketAction.HoldConference, new HoldConference(TicketId, by, WhistleId, [Housing], "Met.", [new AgreedPart(JointRules.PartId, Housing, "Inspect.", Now.AddDays(1))]), WhistleId);
            yield return (TicketAction.FeedBackPart, new FeedBackPart(TicketId, by, JointRules.PartId, "Done."), JointRules.PartId);
            yield return (TicketAction.EvaluateDepartment, new EvaluateDepartment(TicketId, by, WhistleId, Housing, true, 4, 4, 80, null), WhistleId);
            yield return (TicketAction.EvaluateWhistle, new EvaluateWhistle(TicketId, by, WhistleId, true, false, null), WhistleId);
            yield return (TicketAction.AssignFallback, new AssignFallback(TicketId, by, "No unit."), null);
            yield return (TicketAction.AssignHandler, new AssignHandler(TicketId, by, "east-zhou"), null);
        }
    }

    private static readonly TimeLimitStarted Resolving = new(TicketId, EastVillageLiaison, Earlier, Clock.Resolve, EastVillage, Now, Now.AddMinutes(30), null);

    private static readonly ExtensionRequested ExtensionAsked =
        new(TicketId, EastVillageLiaison, Earlier, Clock.Resolve, EastVillage, null, Now.AddMinutes(30), Now.AddHours(2), "More time.", Dongping);

    private static readonly PauseRequested PauseAsked =
        new(TicketId, EastVillageLiaison, Earlier, PauseAwaiting.Citizen, "Away.", Now.AddDays(1), EastVillage, Dongping);

    /// <summary>Every history the tests know, and each of them with a whistle to two departments where one may be blown.</summary>
    private static IEnumerable<object[]> Histories()
    {
        var known = typeof(History).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(object[])).Select(f => (object[])f.GetValue(null)!).ToList();
        WhistleBlown Whistle(Actor by) => new(TicketId, by, Earlier, WhistleId, by.UnitCode, [UrbanManagement, Housing], Earlier.AddHours(2), "Help.");
        return
        [
            .. known,
            [.. InHandlingAtDongping, Whistle(DongpingDispatcher)],
            [.. InHandlingAtDongping, Whistle(DongpingDispatcher), ReportedIn(HousingOfficer)],
            [.. InHandlingAtCounty, Whistle(CountyDispatcher), SummonsReturned(UrbanOfficer, County)],
            [.. InHandlingAtDongping, Resolved(DongpingDispatcher, Now.AddDays(-4))],
            [.. InHandlingAtEastVillage, Resolving, ExtensionAsked],
            [.. InHandlingAtEastVillage, Resolving, PauseAsked],
            [.. InHandlingAtEastVillage, Resolving, PauseAsked, new PauseApproved(TicketId, DongpingDispatcher, Earlier, Now.AddDays(1), null)],
            .. JointRules.Histories,
        ];
    }

    [Fact]
    public void an_action_is_refused_on_a_ticket_exactly_as_its_command_would_be()
    {
        var checkedCount = 0;
        foreach (var history in Histories())
        {
            var ticket = Given(history);
            foreach (var (action, command, whistleId) in Attempts())
            {
                var refusal = ticket.Refusal(action, command.By, Context(), whistleId);
                var decision = command.Decide(ticket, Context());
                if (refusal is not null)
                    decision.Rejection.ShouldBe(refusal, $"{action} by {command.By.UnitCode} on [{string.Join(", ", history.Select(e => e.GetType().Name))}]");
                else
                    StateRules.ShouldNotContain(decision.Rejection?.Code, $"{action} by {command.By.UnitCode} on [{string.Join(", ", history.Select(e => e.GetType().Name))}]");
                checkedCount++;
            }
        }
        checkedCount.ShouldBeGreaterThan(1000);
    }

    [Theory]
    [InlineData(Role.Operator, TicketAction.Rate, true)]
    [InlineData(Role.Operator, TicketAction.Triage, false)]
    [InlineData(Role.Department, TicketAction.ReportIn, true)]
    [InlineData(Role.Department, TicketAction.Close, false)]
    [InlineData(Role.Auditor, TicketAction.NoteProgress, false)]
    [InlineData(Role.Administrator, TicketAction.EraseCitizenData, true)]
    [InlineData(Role.Dispatcher, TicketAction.EraseCitizenData, false)]
    public void a_role_may_ask_only_for_its_own_actions(Role role, TicketAction action, bool allowed) =>
        Permissions.MayDo(role, action).ShouldBe(allowed);

    [Fact]
    public void a_ticket_allows_an_action_only_when_the_role_has_it_and_the_ticket_takes_it_now()
    {
        var dispatched = Given(DispatchedToEastVillage);

        dispatched.Allows(Role.Dispatcher, TicketAction.Accept, EastVillageLiaison, Context()).ShouldBeTrue();
        dispatched.Allows(Role.Dispatcher, TicketAction.Accept, DongpingDispatcher, Context()).ShouldBeFalse();
        dispatched.Allows(Role.Auditor, TicketAction.Accept, EastVillageLiaison, Context()).ShouldBeFalse();
        dispatched.Allows(Role.Dispatcher, TicketAction.Resolve, EastVillageLiaison, Context()).ShouldBeFalse();
    }
}
