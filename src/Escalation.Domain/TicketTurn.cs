using Escalation.Domain.Closure;
using Escalation.Domain.Intake;
using Escalation.Domain.Merging;
using Escalation.Domain.Privacy;
using Escalation.Domain.Timers;

namespace Escalation.Domain;

/// <summary>A timer to schedule: at <see cref="DueAt"/>, decide <see cref="Check"/> on the ticket as it is then.</summary>
public sealed record ScheduledCheck(DateTimeOffset DueAt, CheckTimeLimit Check);

/// <summary>What else a turn implies, beyond its own ticket's events: carried out in the same transaction.</summary>
public abstract record FollowUp
{
    private FollowUp()
    {
    }

    /// <summary>
    /// A command on another ticket, taken as a turn of its own. <paramref name="Required"/>: the whole turn stands only if
    /// that command is accepted (a merge's master); otherwise a refusal leaves the rest as it is (a duplicate already closed).
    /// </summary>
    public sealed record OnTicket(ITicketCommand Command, bool Required) : FollowUp;

    /// <summary>Keep the citizen's name and phone apart from the events (PIPL): no event carries them.</summary>
    public sealed record KeepCitizenContact(Guid TicketId, string? Name, string? Phone) : FollowUp;

    /// <summary>Delete the citizen's name and phone, and the text they supplied (<see cref="Privacy.CitizenSupplied"/>); the history stays intact.</summary>
    public sealed record EraseCitizenContact(Guid TicketId) : FollowUp;
}

/// <summary>
/// Everything one decision implies: the events to append (the decision's, then the time limits they start), the timers
/// of those limits, and the follow-ups; or why nothing happens.
/// </summary>
public sealed record Turn(Guid TicketId, IReadOnlyList<object> Events, IReadOnlyList<ScheduledCheck> Timers, IReadOnlyList<FollowUp> FollowUps, Rejection? Rejection)
{
    public bool IsRejected => Rejection is not null;

    public static Turn Refused(Guid ticketId, Rejection rejection) => new(ticketId, [], [], [], rejection);
}

/// <summary>
/// A ticket's turn: decide a command on the ticket as it stands, and return what that implies. The host appends the
/// events, schedules the timers and carries out the follow-ups; the timers and the simulator take the same turns.
/// </summary>
public static class TicketTurn
{
    /// <summary>A command on an existing ticket.</summary>
    public static Turn Take(Ticket state, ITicketCommand command, DecisionContext context) =>
        Guarded(command.TicketId, () =>
        {
            var decision = command.Decide(state, context);
            if (decision.IsRejected)
                return Turn.Refused(command.TicketId, decision.Rejection);
            var clocks = Versioned(Timekeeping.ClocksStartedBy(state, decision.Events, context), context);
            return new Turn(command.TicketId, [.. decision.Events, .. clocks], [.. clocks.SelectMany(Timers)], [.. FollowUps(state, decision.Events)], null);
        });

    /// <summary>Intake: the stream's first event, the clocks to triage and of the whole case, and the citizen's contact kept apart.</summary>
    public static Turn Open(ReportTicket command, DecisionContext context) =>
        Guarded(command.TicketId, () =>
        {
            var decision = command.Decide(context);
            if (decision.IsRejected)
                return Turn.Refused(command.TicketId, decision.Rejection);
            var clocks = Versioned(Timekeeping.ClocksStartedAtIntake((TicketReported)decision.Events[0], context), context);
            return new Turn(command.TicketId, [.. decision.Events, .. clocks], [.. clocks.SelectMany(Timers)],
                [new FollowUp.KeepCitizenContact(command.TicketId, command.CitizenName, command.CitizenPhone)], null);
        });

    /// <summary>A limit's two timers: the yellow light at its share, the red light at its deadline; the rating window's and a pause's end only.</summary>
    public static IEnumerable<ScheduledCheck> Timers(TimeLimitStarted limit) => limit.Clock is Clock.RatingWindow or Clock.Pause
        ? [new(limit.Deadline, new CheckTimeLimit(limit.TicketId, limit.Clock, Light.Red, limit.Holder, limit.Deadline, limit.WhistleId))]
        :
        [
            new(limit.YellowAt, new CheckTimeLimit(limit.TicketId, limit.Clock, Light.Yellow, limit.Holder, limit.Deadline, limit.WhistleId)),
            new(limit.Deadline, new CheckTimeLimit(limit.TicketId, limit.Clock, Light.Red, limit.Holder, limit.Deadline, limit.WhistleId)),
        ];

    /// <summary>Each limit names the version of the reference data its decision read: the context's, which changes as the county administers its data.</summary>
    private static List<TimeLimitStarted> Versioned(IReadOnlyList<TimeLimitStarted> clocks, DecisionContext context) =>
        [.. clocks.Select(c => c with { ReferenceVersion = context.Reference.Version })];

    private static IEnumerable<FollowUp> FollowUps(Ticket before, IReadOnlyList<object> events)
    {
        foreach (var e in events)
        {
            switch (e)
            {
                // A duplicate follows its master: it closes when the master does.
                case TicketClosed:
                    foreach (var duplicate in before.Duplicates)
                        yield return new FollowUp.OnTicket(new CloseWithMaster(duplicate, Actor.System), Required: false);
                    break;
                case TicketMergedInto merged:
                    yield return new FollowUp.OnTicket(new AttachDuplicate(merged.MasterTicketId, merged.By, merged.TicketId), Required: true);
                    break;
                case CitizenDataErased erased:
                    yield return new FollowUp.EraseCitizenContact(erased.TicketId);
                    break;
            }
        }
    }

    /// <summary>A working-time limit that runs into a year with no calendar is refused, not guessed and not a crash.</summary>
    private static Turn Guarded(Guid ticketId, Func<Turn> take)
    {
        try
        {
            return take();
        }
        catch (CalendarYearMissingException e)
        {
            return Turn.Refused(ticketId, new Rejection(
                RuleCodes.CalendarMissing,
                $"The time limit would run into {e.Date.Year}, for which the county has no business calendar: an administrator must add that year's calendar."));
        }
    }
}
