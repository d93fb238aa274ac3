using System.Diagnostics.Metrics;
using Escalation.Domain;
using Escalation.Domain.Timers;
using Escalation.Host.Api;
using Marten;
using Wolverine;

namespace Escalation.Host.Features.Timers;

/// <summary>A durable scheduled message: a ticket's time limit reaches its yellow share or its deadline.</summary>
public sealed record TimeLimitDue(Guid TicketId, Clock Clock, Light Light, string Holder, DateTimeOffset DueAt, DateTimeOffset Deadline, Guid? WhistleId)
{
    public static TimeLimitDue For(TimeLimitStarted clock, Light light) => new(
        clock.TicketId, clock.Clock, light, clock.Holder, light == Light.Yellow ? clock.YellowAt : clock.Deadline, clock.Deadline, clock.WhistleId);
}

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
    public static async Task Handle(
        TimeLimitDue due, IDocumentSession session, IMessageBus bus, TicketCommandRunner runner, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now < due.DueAt)
        {
            await bus.ScheduleAsync(due, due.DueAt);
            return;
        }
        Lateness.Record((now - due.DueAt).TotalMilliseconds, new KeyValuePair<string, object?>("light", due.Light.ToString()));

        var stream = await session.Events.FetchForWriting<Ticket>(due.TicketId, ct);
        if (stream.Aggregate is null)
            return;
        var context = runner.Context();
        var decision = new CheckTimeLimit(due.TicketId, due.Clock, due.Light, due.Holder, due.Deadline, due.WhistleId).Decide(stream.Aggregate, context);
        if (decision.Events.Count > 0)
            await runner.AppendAsync(session, bus, stream, decision, context, ct);
    }
}
