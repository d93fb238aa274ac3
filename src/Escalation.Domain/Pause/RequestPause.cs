using Escalation.Domain.Extension;
using Escalation.Domain.Reference;
using Escalation.Domain.Timers;
using Escalation.Domain.Intake;

namespace Escalation.Domain.Pause;

/// <summary>
/// The holder of a ticket in handling asks to pause it (挂起) while it waits for the citizen or a third party, until a
/// date at the latest (without one, as long as the county allows). The unit above reviews it, as for an extension; a
/// pending request stops nothing.
/// </summary>
public sealed record RequestPause(Guid TicketId, Actor By, PauseAwaiting Awaiting, string Reason, DateTimeOffset? Until) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (Refuses(state, By, context) is { } refused)
            return refused;
        if (Rules.IsBlank(Reason))
            return Rules.Missing(RuleCodes.ReasonRequired, "reason for the pause");
        var latest = LatestEnd(state, context.Now, context);
        if (Until is { } until && until <= context.Now)
            return Decision.Reject(RuleCodes.PauseEndNotLater, "The pause must end later than now.");
        if (Until > latest)
            return Decision.Reject(RuleCodes.PauseTooLong, $"The case may be paused until {latest:O} at the latest (the county's maximum pause, less the pauses before).");
        return Decision.Accept(new PauseRequested(
            TicketId, By, context.Now, Awaiting, Reason, Until ?? latest, state.Holder, RequestExtension.ReviewerOf(state.Holder, context)));
    }

    /// <summary>The ticket's state and who acts: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state, Actor by, DecisionContext context)
    {
        if (state.RefuseUnlessIn("pause", TicketStatus.InHandling) is { } refused)
            return refused;
        if (!by.Holds(state))
            return Rules.NotHeldBy(by, state, "pause");
        if (state.Paused is not null)
            return Decision.Reject(RuleCodes.AlreadyPaused, "The ticket is paused already.");
        if (state.LivePause is not null)
            return Decision.Reject(RuleCodes.PausePending, "A pause already awaits its review: wait for the decision.");
        if (LatestEnd(state, context.Now, context) <= context.Now)
            return Decision.Reject(RuleCodes.PauseExhausted, $"The case was paused for {state.PausedTotal} already, the county's maximum.");
        return null;
    }

    /// <summary>The latest a pause beginning at <paramref name="start"/> may end: the county's maximum, less the case's pauses before.</summary>
    internal static DateTimeOffset LatestEnd(Ticket state, DateTimeOffset start, DecisionContext context) =>
        context.Reference.TimeLimits.DeadlineFor(Clock.Pause, TimeLimitClass.General, Urgency.Normal, Tier.Township, start - state.PausedTotal).DueAt;
}
