using Npgsql;

namespace Escalation.Host.Organisation;

/// <summary>
/// Puts the county's changes in force on this node: at start the county's stream is read (started from the county file
/// on first start), then a connection LISTENs for the NOTIFY each change commits with, and reads the stream again on each.
/// Whenever the connection is (re)opened the stream is read too, so a change announced while it was down is not missed.
/// </summary>
public sealed class CountyListener(
    CountyStore county, NpgsqlDataSource dataSource, IConfiguration configuration, TimeProvider clock, ILogger<CountyListener> logger)
    : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var path = Reference.ReferenceDataLoader.PathOf(configuration);
        await county.StartAsync(await File.ReadAllTextAsync(path, cancellationToken), Path.GetFileName(path), clock.GetUtcNow(), cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {CountyStore.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                await county.RefreshAsync(stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                {
                    // Returns once a notification has arrived; the stream says what changed, however many arrived.
                    await connection.WaitAsync(stoppingToken);
                    await county.RefreshAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever broke the connection (the database restarting, a network fault), listening must go on.
                CountyLog.ListenerLost(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }
}
