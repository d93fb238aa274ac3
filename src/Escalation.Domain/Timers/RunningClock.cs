namespace Escalation.Domain.Timers;

/// <summary>A time limit running on a ticket: whose it is, its deadline, and the light it has reached (none yet: null).</summary>
public sealed record RunningClock(Clock Clock, string Holder, Guid? WhistleId, DateTimeOffset Deadline, Light? Lit)
{
    /// <summary>The same clock: a newer limit for it replaces this one.</summary>
    public bool IsSameAs(Clock clock, string holder, Guid? whistleId) =>
        Clock == clock && WhistleId == whistleId && (clock != Clock.ReportIn || Holder == holder);

    /// <summary>
    /// Whether a clock runs: the rule the timers act on and the board shows. To accept while the ticket waits for
    /// the clock's holder to sign for it; to resolve while that holder handles it; to report in while the ticket
    /// is being handled and the department is still awaited (summoned by an open whistle, neither reported in nor returned).
    /// </summary>
    public static bool Runs(Clock clock, string clockHolder, TicketStatus status, string ticketHolder, bool departmentAwaited) => clock switch
    {
        Clock.Accept => status == TicketStatus.Dispatched && clockHolder == ticketHolder,
        Clock.Resolve => status == TicketStatus.InHandling && clockHolder == ticketHolder,
        _ => status is TicketStatus.Dispatched or TicketStatus.InHandling && departmentAwaited,
    };
}
