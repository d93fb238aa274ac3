using Escalation.Host.Infrastructure;

namespace Escalation.Host.Features.Timers;

/// <summary>
/// How the API's commands give way to the timers after a start (Escalation:Timers): how many run at once while the
/// timers catch up (0: the gate is off), how long no timer may have run late before they count as caught up, and the
/// longest the commands are held to that width whatever the timers do.
/// </summary>
public sealed record CatchUpSettings(int Width, TimeSpan Quiet, TimeSpan Longest)
{
    public static CatchUpSettings From(IConfiguration configuration) => new(
        configuration.GetValue("Escalation:Timers:CatchUpWidth", Environment.ProcessorCount),
        configuration.GetValue("Escalation:Timers:CatchUpQuiet", TimeSpan.FromSeconds(2)),
        configuration.GetValue("Escalation:Timers:CatchUpLongest", TimeSpan.FromSeconds(60)));
}

/// <summary>
/// Deadlines first after a restart. A host started after a crash finds the timers that fell due while it was down
/// and, in the same seconds, every request its clients retried meanwhile; run all at once on two cores they slowed
/// each other (about 70 transactions in PostgreSQL at once, waiting on its buffer, WAL and lock-table locks), and the
/// backlog drained at 751–1,110 timers/s (1,090–1,180 with the commands taking turns; docs/benchmarks/faults.md). So when the host starts with clocks overdue, the API's commands take turns:
/// at most <see cref="CatchUpSettings.Width"/> run at once and the rest wait, none refused, until no timer has run more
/// than <see cref="Lag"/> late for <see cref="CatchUpSettings.Quiet"/>, or for <see cref="CatchUpSettings.Longest"/>
/// at most. Then it opens for good, until the next start; a busy morning's late timers never hold the API back.
/// Its windows are the wall clock's (<paramref name="wall"/>), as Wolverine's polling is; lateness is the timers'.
/// </summary>
public sealed partial class CatchUpGate(CatchUpSettings settings, ILogger<CatchUpGate> logger, TimeProvider wall)
{
    /// <summary>A timer later than this is part of a backlog; a timer on time runs within a poll (250 ms) of its due time.</summary>
    public static readonly TimeSpan Lag = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _turns = new(Math.Max(settings.Width, 1));
    private readonly Lock _lock = new();
    private long _engagedAt;
    private long _lastLateAt;
    private bool _engaged;
    private bool _open;
    private int _turnsTaken;
    private TimeSpan _longestWait;

    /// <summary>Whether the API's commands are taking turns now.</summary>
    public bool CatchingUp
    {
        get
        {
            lock (_lock)
                return IsCatchingUp();
        }
    }

    /// <summary>Whether the gate was engaged at this start (the host found clocks overdue).</summary>
    public bool Engaged
    {
        get
        {
            lock (_lock)
                return _engaged;
        }
    }

    /// <summary>How many commands have taken a turn since this start.</summary>
    public int TurnsTaken
    {
        get
        {
            lock (_lock)
                return _turnsTaken;
        }
    }

    /// <summary>At the start: with <paramref name="overdueTickets"/> tickets overdue the commands take turns from now; with none the gate opens.</summary>
    public void Started(long overdueTickets)
    {
        lock (_lock)
        {
            if (_engaged || _open)
                return;
            if (overdueTickets == 0 || settings.Width == 0)
            {
                _open = true;
                return;
            }
            _engaged = true;
            _engagedAt = _lastLateAt = wall.GetTimestamp();
        }
        LogEngaged(overdueTickets, settings.Width);
    }

    /// <summary>A batch of timers ran; <paramref name="latest"/> is the latest of them (due time to now).</summary>
    public void TimersRan(TimeSpan latest)
    {
        lock (_lock)
        {
            if (IsCatchingUp() && latest > Lag)
                _lastLateAt = wall.GetTimestamp();
        }
    }

    /// <summary>Waits for a turn while the timers catch up; null when the gate is open. Dispose the turn once the command has committed.</summary>
    public async ValueTask<IDisposable?> TakeTurnAsync(CancellationToken ct)
    {
        if (!CatchingUp)
            return null;
        var asked = wall.GetTimestamp();
        await _turns.WaitAsync(ct);
        var waited = wall.GetElapsedTime(asked);
        lock (_lock)
        {
            _turnsTaken++;
            if (waited > _longestWait)
                _longestWait = waited;
        }
        return new Turn(_turns);
    }

    /// <summary>Opens the gate once the timers are quiet or the longest hold has passed, and says so once.</summary>
    private bool IsCatchingUp()
    {
        if (_open || !_engaged)
            return false;
        if (wall.GetElapsedTime(_lastLateAt) < settings.Quiet && wall.GetElapsedTime(_engagedAt) < settings.Longest)
            return true;
        _open = true;
        // When it opened, which may be before anything asked.
        var held = wall.GetElapsedTime(_engagedAt, _lastLateAt) + settings.Quiet;
        LogCaughtUp((held < settings.Longest ? held : settings.Longest).TotalSeconds, _turnsTaken, _longestWait.TotalMilliseconds);
        return false;
    }

    private sealed class Turn(SemaphoreSlim turns) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                turns.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Tickets} tickets have clocks overdue at start-up: the API's commands run {Width} at a time until the timers have caught up.")]
    private partial void LogEngaged(long tickets, int width);

    // A warning like the one that began the wait, so that a log kept at warnings shows when it ended.
    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The timers caught up {Seconds:F1} s after the start; {Waited} commands took turns meanwhile, the longest waited {LongestMs:F0} ms.")]
    private partial void LogCaughtUp(double seconds, int waited, double longestMs);
}

/// <summary>At start-up, before the host listens: counts the tickets whose clocks are overdue and tells the gate.</summary>
public sealed partial class CatchUpStart(CatchUpGate gate, TimerWatchdog watchdog, ILogger<CatchUpStart> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            gate.Started(await watchdog.CountOverdueAsync(CatchUpGate.Lag, cancellationToken));
        }
        catch (Exception e) when (MessageFailures.IsTransient(e))
        {
            // Without the count, assume a backlog: if there is none the gate opens after its quiet time.
            LogDatabaseAway(e.Message);
            gate.Started(overdueTickets: 1);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count the overdue clocks at start-up ({Reason}); the API's commands take turns until the timers are quiet.")]
    private partial void LogDatabaseAway(string reason);
}
