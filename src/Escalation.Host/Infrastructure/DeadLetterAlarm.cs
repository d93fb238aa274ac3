using System.Diagnostics.Metrics;
using Escalation.Host.Features.Timers;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Wolverine;
using Wolverine.Persistence.Durability;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using Wolverine.Runtime;

namespace Escalation.Host.Infrastructure;

/// <summary>
/// A dead letter is a message Wolverine gave up on: for a timer, a deadline nobody is told of. Each one is logged
/// at error level as it is stored, counted (<c>escalation.dead_letters</c>), and turns <c>/health/ready</c>
/// Degraded until an administrator replays or discards it.
/// </summary>
public sealed partial class DeadLetterAlarm : IDeadLetterInterceptor
{
    private readonly IWolverineRuntime _runtime;
    private readonly ILogger<DeadLetterAlarm> _logger;
    private readonly Counter<long> _stored;
    private long _count;

    public DeadLetterAlarm(IWolverineRuntime runtime, ILogger<DeadLetterAlarm> logger, IMeterFactory meters)
    {
        _runtime = runtime;
        _logger = logger;
        var meter = meters.Create(TimeLimitDueHandler.MeterName);
        _stored = meter.CreateCounter<long>("escalation.dead_letters.stored", description: "Messages this node moved to the dead letter queue.");
        meter.CreateObservableGauge("escalation.dead_letters", () => LastCount, description: "Messages in the dead letter queue, as last counted.");
    }

    public long LastCount => Interlocked.Read(ref _count);

    private IDeadLetters DeadLetters => _runtime.Storage.DeadLetters;

    /// <summary>Counts the dead letters (every node's: they share the table) and remembers the count for the gauge.</summary>
    public async Task<long> CountAsync(CancellationToken ct)
    {
        var page = await DeadLetters.QueryAsync(new DeadLetterEnvelopeQuery { PageSize = 1 }, ct);
        var before = Interlocked.Exchange(ref _count, page.TotalCount);
        if (page.TotalCount > before)
            LogRose(page.TotalCount, before);
        return page.TotalCount;
    }

    public Task<DeadLetterEnvelopeResults> ListAsync(int page, int pageSize, CancellationToken ct) =>
        DeadLetters.QueryAsync(new DeadLetterEnvelopeQuery { PageNumber = page, PageSize = pageSize }, ct);

    /// <summary>
    /// Marks the dead letter for replay: Wolverine's durability agent moves it back to the inbox on its next
    /// poll and the handler runs again. Returns false when there is no such dead letter.
    /// </summary>
    public async Task<bool> ReplayAsync(Guid id, CancellationToken ct) =>
        (await DeadLetters.ReplayMatchingAsync(new DeadLetterEnvelopeQuery { MessageIds = [id] }, ct)).Affected > 0;

    public ValueTask<Exception?> BeforeStoreAsync(Envelope envelope, Exception? exception, CancellationToken cancellation)
    {
        _stored.Add(1, new KeyValuePair<string, object?>("message_type", envelope.MessageType));
        LogStored(envelope.Id, envelope.MessageType, exception?.GetType().FullName, exception?.Message);
        return ValueTask.FromResult(exception);
    }

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Message {Id} ({MessageType}) moved to the dead letter queue after {ExceptionType}: {ExceptionMessage}. " +
            "It will not run again until it is replayed: GET /api/admin/dead-letters, POST /api/admin/dead-letters/{Id}/replay.")]
    private partial void LogStored(Guid id, string? messageType, string? exceptionType, string? exceptionMessage);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "{Count} message(s) in the dead letter queue (last counted: {Before}): they will not run until replayed (GET /api/admin/dead-letters).")]
    private partial void LogRose(long count, long before);
}

/// <summary>Degraded while any message waits in the dead letter queue. Says how many, and where to see them; never the database's address.</summary>
public sealed class DeadLetterHealthCheck(DeadLetterAlarm alarm) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        long count;
        try
        {
            count = await alarm.CountAsync(cancellationToken);
        }
        catch (Exception e) when (MessageFailures.IsTransient(e))
        {
            // The database check reports the outage itself, and its exception may name the server.
            return HealthCheckResult.Degraded("The dead letter queue cannot be counted now.");
        }
        var data = new Dictionary<string, object> { ["count"] = count };
        return count == 0
            ? HealthCheckResult.Healthy("No message is in the dead letter queue.", data)
            : HealthCheckResult.Degraded(
                $"{count} message(s) in the dead letter queue will not run until replayed: GET /api/admin/dead-letters.", data: data);
    }
}
