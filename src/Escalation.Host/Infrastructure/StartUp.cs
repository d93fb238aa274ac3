namespace Escalation.Host.Infrastructure;

/// <summary>
/// Starting the service after a crash can meet a transient database fault. Wolverine's first step on a node takes back
/// every stored envelope (one update of all its rows), which lost a deadlock in a fault run (40P01, most likely against
/// a transaction of the killed process that PostgreSQL had not yet ended), or can meet a database still in recovery.
/// Such a start is given up and the host is built and started again, with a growing pause, rather than leaving the
/// service down; any other failure ends it.
/// </summary>
public static class StartUp
{
    public const int Attempts = 10;

    public static TimeSpan PauseAfter(int attempt) => TimeSpan.FromSeconds(Math.Min(attempt, 5));

    /// <summary>Starts the host; false when it failed on a transient fault and was disposed, so a new one should start.</summary>
    public static async Task<bool> TryStartAsync(WebApplication app, int attempt)
    {
        try
        {
            await app.StartAsync();
            return true;
        }
        catch (Exception e) when (attempt < Attempts && MessageFailures.IsTransient(e))
        {
            var pause = PauseAfter(attempt);
            app.Logger.LogWarning(e, "Start {Attempt} of {Attempts} failed on a transient database fault; starting again in {Pause}", attempt, Attempts, pause);
            await DisposeQuietlyAsync(app);
            await Task.Delay(pause);
            return false;
        }
    }

    /// <summary>A host whose start failed may fail again as it stops what did start; that is logged, not thrown.</summary>
    private static async Task DisposeQuietlyAsync(WebApplication app)
    {
        try
        {
            await app.StopAsync(TimeSpan.FromSeconds(10));
            await app.DisposeAsync();
        }
        catch (Exception e)
        {
            app.Logger.LogWarning(e, "Stopping the host whose start failed also failed");
        }
    }
}
