using Npgsql;

namespace Escalation.Host.WebConsole;

/// <summary>
/// Tells the console's open pages that the store changed: one loop per node reads the event store's highest sequence
/// number every two seconds (an index lookup, whatever the number of pages open) and wakes every page waiting on
/// <see cref="NextAsync"/> when it moved. It reads the database, not this node's own appends, so a change made on
/// another node reaches this node's pages too. Wall-clock polling: it only paces the notices, it decides nothing.
/// </summary>
public sealed partial class LiveChanges(NpgsqlDataSource dataSource, ILogger<LiveChanges> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private TaskCompletionSource _changed = NewSource();

    /// <summary>Completes at the next change seen after the call (or when <paramref name="ct"/> ends the wait).</summary>
    public Task NextAsync(CancellationToken ct) => Volatile.Read(ref _changed).Task.WaitAsync(ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long? last = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var command = dataSource.CreateCommand("select coalesce(max(seq_id), 0) from escalation.mt_events");
                var now = (long)(await command.ExecuteScalarAsync(stoppingToken))!;
                if (last is { } before && now != before)
                    Interlocked.Exchange(ref _changed, NewSource()).TrySetResult();
                last = now;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                LogUnreadable(logger, e.Message);
            }
            try
            {
                await Task.Delay(Interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Live updates could not read the event store this time: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string reason);
}
