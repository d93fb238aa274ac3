namespace Escalation.Domain.Timers;

/// <summary>A time limit running on a ticket: whose it is, its deadline, and the light it has reached (none yet: null).</summary>
public sealed record RunningClock(Clock Clock, string Holder, Guid? WhistleId, DateTimeOffset Deadline, Light? Lit)
{
    /// <summary>The same clock: a newer limit for it replaces this one.</summary>
    public bool IsSameAs(Clock clock, string holder, Guid? whistleId) =>
        Clock == clock && WhistleId == whistleId && (clock != Clock.ReportIn || Holder == holder);
}
