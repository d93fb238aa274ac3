namespace Escalation.Domain.Timers;

/// <summary>
/// A time limit started on a ticket, the latest of its clock: whose it is, when its yellow light is due, its deadline,
/// and the light it has reached (none yet: null), and how it counts time. Whether it still runs depends on the ticket:
/// <see cref="Ticket.Runs"/>. <paramref name="StartedAt"/>: when the limit started, from which a change of matter counts
/// the new class's limit (null on a clock folded before it was kept).
/// </summary>
public sealed record RunningClock(
    Clock Clock, string Holder, Guid? WhistleId, DateTimeOffset YellowAt, DateTimeOffset Deadline, Light? Lit,
    TimeLimitMeasure Measure = TimeLimitMeasure.ClockTime, DateTimeOffset? StartedAt = null)
{
    /// <summary>The same clock: a newer limit for it replaces this one.</summary>
    public bool IsSameAs(Clock clock, string holder, Guid? whistleId) =>
        Clock == clock && WhistleId == whistleId && (clock != Clock.ReportIn || Holder == holder);

    /// <summary>The very limit a light or a timer was meant for: the same clock, holder, deadline and whistle.</summary>
    public bool IsLimit(Clock clock, string holder, DateTimeOffset deadline, Guid? whistleId) =>
        Clock == clock && Holder == holder && Deadline == deadline && WhistleId == whistleId;
}
