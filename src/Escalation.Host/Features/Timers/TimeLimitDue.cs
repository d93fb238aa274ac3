using System.Diagnostics.Metrics;
using Escalation.Domain.Timers;
using Escalation.Host.Commands;
using Escalation.Host.Infrastructure;
using Marten;
using Wolverine;
using Wolverine.Runtime.Handlers;

namespace Escalation.Host.Features.Timers;

/// <summary>
/// Timers arrive in batches (Wolverine's <c>BatchMessagesOf</c>, see HostSetup): the checks of a batch are decided in
/// one session and committed in one transaction, so a backlog after a crash costs one round trip for the lot, not a
/// handful per timer. The timers of a batch stay in Wolverine's inbox until the batch has committed.
/// </summary>
public static class TimeLimitDueHandler
{
    public const string MeterName = "Escalation";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>How late timers fire (fire time minus due time): the figure a county's morning burst stresses.</summary>
    private static readonly Histogram<double> Lateness = Meter.CreateHistogram<double>(
        "escalation.timer.lateness", unit: "ms", description: "Time limit timers: fire time minus due time.");

    /// <summary>How a failed batch is retried (Wolverine calls this when it builds the handler).</summary>
    public static void Configure(HandlerChain chain) => MessageFailures.ApplyToTimerBatches(chain);

    /// <summary>
    /// Decides on the tickets as they are now: a stale timer (the ticket moved on) appends nothing, and a second
    /// delivery finds its light already on. A timer delivered before its time (clocks differ between nodes) waits again.
    /// The batch holds its tickets (<see cref="TicketClaims"/>) from its reads to its commit, so it commits here, not
    /// after it returns.
    /// </summary>
    public static async Task Handle(
        TimeLimitDue[] batch, IDocumentSession session, IMessageBus bus, CommandPipeline pipeline, TicketClaims claims, CatchUpGate gate,
        TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var checks = new List<CheckTimeLimit>(batch.Length);
        var latest = TimeSpan.Zero;
        foreach (var due in batch)
        {
            if (now < due.DueAt)
            {
                await bus.ScheduleAsync(due, due.DueAt);
                continue;
            }
            var late = now - due.DueAt;
            Lateness.Record(late.TotalMilliseconds, new KeyValuePair<string, object?>("light", due.Light.ToString()));
            latest = late > latest ? late : latest;
            checks.Add(due.Check);
        }
        gate.TimersRan(latest);
        using var claim = await claims.ClaimAsync([.. checks.Select(c => c.TicketId).Distinct()], ct);
        await pipeline.CheckAsync(session, checks, bus, ct);
        await session.SaveChangesAsync(ct);
    }
}
