using Escalation.Projections.Integrity;
using Marten;

namespace Escalation.Host.Features.Integrity;

/// <summary>
/// Writes the day's digest of the county's stream heads when the host starts (unless today's is written already,
/// by this host before a restart or by another sharing the folder) and then at each midnight, China time, by the
/// injected clock.
/// </summary>
public sealed partial class DailyDigest(DigestFile file, IDocumentStore store, TimeProvider clock, ILogger<DailyDigest> logger) : BackgroundService
{
    /// <summary>Today's digest line: the one written already, or one written now.</summary>
    public Task<DigestLine> WriteIfDueAsync(CancellationToken ct) => file.AppendOncePerDayAsync(clock.GetUtcNow(), async token =>
    {
        await using var session = store.QuerySession();
        return await StreamHeads.StoredAsync(session, token);
    }, ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = UntilMidnight(clock.GetUtcNow());
            try
            {
                var line = await WriteIfDueAsync(stoppingToken);
                LogWritten(line.Date, line.Streams, line.Through, file.Path);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e, file.Path);
                wait = TimeSpan.FromMinutes(1);
            }
            await Task.Delay(wait, clock, stoppingToken);
        }
    }

    public static TimeSpan UntilMidnight(DateTimeOffset now)
    {
        var local = now.ToOffset(DigestFile.China);
        return new DateTimeOffset(local.Date.AddDays(1), DigestFile.China) - local;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Integrity digest for {Date}: {Streams} streams through event {Through}, in {Path}.")]
    private partial void LogWritten(DateOnly date, int streams, long through, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "The integrity digest could not be written to {Path}; trying again in a minute.")]
    private partial void LogFailed(Exception exception, string path);
}
