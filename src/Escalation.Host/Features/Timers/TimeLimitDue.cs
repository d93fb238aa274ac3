using System.Diagnostics.Metrics;
using Escalation.Host.Commands;
using Marten;
using Wolverine;

namespace Escalation.Host.Features.Timers;

public static class TimeLimitDueHandler
{
    public const string MeterName = "Escalation";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>How late timers fire (fire time minus due time): the figure a county's morning burst stresses.</summary>
    private static readonly Histogram<double> Lateness = Meter.CreateHistogram<double>(
        "escalation.timer.lateness", unit: "ms", description: "Time limit timers: fire time minus due time.");

    /// <summary>
    /// Decides on the ticket as it is now: a stale timer (the ticket moved on) appends nothing, and a second
    /// delivery finds its light already on. A timer delivered before its time (clocks differ between nodes) waits again.
    /// </summary>
    public static async Task Handle(TimeLimitDue due, IDocumentSession session, IMessageBus bus, CommandPipeline pipeline, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now < due.DueAt)
        {
            await bus.ScheduleAsync(due, due.DueAt);
            return;
        }
        Lateness.Record((now - due.DueAt).TotalMilliseconds, new KeyValuePair<string, object?>("light", due.Light.ToString()));
        await pipeline.CheckAsync(session, due.Check, bus, ct);
    }
}
