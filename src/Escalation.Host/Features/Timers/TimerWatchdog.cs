using System.Diagnostics.Metrics;
using Escalation.Domain.Timers;
using Escalation.Host.Commands;
using Escalation.Host.Infrastructure;
using Escalation.Projections;
using Marten;
using Marten.Linq.MatchesSql;
using Wolverine;

namespace Escalation.Host.Features.Timers;

/// <summary>The watchdog's settings (Escalation:Timers): how often it looks, and how late a light may be before it acts.</summary>
public sealed record WatchdogSettings(TimeSpan Interval, TimeSpan Grace)
{
    /// <summary>At most this many tickets are repaired per sweep; the next sweep takes the rest.</summary>
    public const int BatchSize = 1000;

    public static WatchdogSettings From(IConfiguration configuration) => new(
        configuration.GetValue("Escalation:Timers:WatchdogInterval", TimeSpan.FromSeconds(30)),
        configuration.GetValue("Escalation:Timers:WatchdogGrace", TimeSpan.FromSeconds(10)));
}

/// <summary>A running clock past its yellow time or deadline by more than the grace, without that light.</summary>
public sealed record OverdueClock(Guid TicketId, ClockView Clock, Light Light)
{
    public TimeLimitDue Due() => new(
        TicketId, Clock.Clock, Light, Clock.Holder, Light == Light.Yellow ? Clock.YellowAt : Clock.Deadline, Clock.Deadline, Clock.WhistleId);
}

/// <summary>
/// Proves that no deadline is missed silently. Whatever lost a timer (a dead letter, a host killed between the
/// poll and the handler, a row deleted by hand), the read model still shows the clock running and unlit: the
/// watchdog finds every such clock and sends the timer the scheduler would have sent. The handler's check is
/// idempotent, so a timer that was only late, or a second node's watchdog, lights nothing twice.
/// </summary>
public sealed partial class TimerWatchdog
{
    /// <summary>
    /// A clock of the view (its JSON, as Marten stores it) that runs and is past a time whose light is not on.
    /// A search over the clocks of open tickets, done in the database, so only the overdue tickets are loaded.
    /// </summary>
    private const string Overdue = """
        exists (select 1 from jsonb_array_elements(d.data -> 'Clocks') as c
                where (c ->> 'Running')::boolean
                  and ((c ->> 'Light' = 'None' and (c ->> 'YellowAt')::timestamptz < ?)
                    or (c ->> 'Light' <> 'Red' and (c ->> 'Deadline')::timestamptz < ?)))
        """;

    private readonly IDocumentStore _store;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly WatchdogSettings _settings;
    private readonly ILogger<TimerWatchdog> _logger;
    private readonly Counter<long> _repaired;
    private long _overdue;

    public TimerWatchdog(
        IDocumentStore store, IServiceScopeFactory scopes, TimeProvider clock, WatchdogSettings settings, ILogger<TimerWatchdog> logger,
        IMeterFactory meters)
    {
        _store = store;
        _scopes = scopes;
        _clock = clock;
        _settings = settings;
        _logger = logger;
        var meter = meters.Create(TimeLimitDueHandler.MeterName);
        _repaired = meter.CreateCounter<long>(
            "escalation.timers.repaired", description: "Timers the watchdog fired because a running clock was past due without its light.");
        meter.CreateObservableGauge(
            "escalation.timers.overdue", () => Interlocked.Read(ref _overdue),
            description: "Tickets with a running clock past its yellow time or deadline by more than the grace without that light, at the last sweep (0: the invariant holds).");
    }

    /// <summary>Tickets found overdue by the last sweep, before it repaired them.</summary>
    public long LastOverdue => Interlocked.Read(ref _overdue);

    /// <summary>Finds the overdue clocks and sends each one's timer. Returns what it sent.</summary>
    public async Task<IReadOnlyList<OverdueClock>> SweepAsync(CancellationToken ct = default)
    {
        var cutoff = (_clock.GetUtcNow() - _settings.Grace).ToUniversalTime();
        await using var session = _store.QuerySession();
        var overdue = OverdueBy(session, cutoff);
        var count = await overdue.CountAsync(ct);
        Interlocked.Exchange(ref _overdue, count);
        if (count == 0)
            return [];

        var tickets = await overdue.OrderBy(v => v.NextDeadline).Take(WatchdogSettings.BatchSize).ToListAsync(ct);
        var clocks = tickets.SelectMany(view => OverdueClocksOf(view, cutoff)).ToList();
        await using var scope = _scopes.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        foreach (var clock in clocks)
        {
            await bus.SendAsync(clock.Due());
            _repaired.Add(1, new("light", clock.Light.ToString()), new("clock", clock.Clock.Clock.ToString()));
            var due = clock.Light == Light.Yellow ? clock.Clock.YellowAt : clock.Clock.Deadline;
            LogRepair(clock.TicketId, clock.Clock.Clock, clock.Clock.Holder, clock.Light, due, (cutoff + _settings.Grace - due).TotalSeconds);
        }
        return clocks;
    }

    /// <summary>Tickets with a clock more than <paramref name="late"/> past a time whose light is not on (the grace does not apply).</summary>
    public async Task<int> CountOverdueAsync(TimeSpan late, CancellationToken ct)
    {
        await using var session = _store.QuerySession();
        return await OverdueBy(session, (_clock.GetUtcNow() - late).ToUniversalTime()).CountAsync(ct);
    }

    private static IQueryable<TicketView> OverdueBy(IQuerySession session, DateTimeOffset cutoff) =>
        session.Query<TicketView>().Where(v => v.MatchesSql(Overdue, cutoff, cutoff));

    /// <summary>The same test as <see cref="Overdue"/>, on a loaded view: red once the deadline has passed, else yellow.</summary>
    public static IEnumerable<OverdueClock> OverdueClocksOf(TicketView view, DateTimeOffset cutoff) =>
        view.Clocks
            .Where(c => c.Running)
            .Select(c => c.Light != WarningLight.Red && c.Deadline < cutoff ? new OverdueClock(view.Id, c, Light.Red)
                : c.Light == WarningLight.None && c.YellowAt < cutoff ? new OverdueClock(view.Id, c, Light.Yellow)
                : null)
            .OfType<OverdueClock>();

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Ticket {TicketId}: the {Clock} clock held by {Holder} was {LateSeconds:F0} s past its {Light} time ({Due:O}) without its light; the watchdog fired its timer.")]
    private partial void LogRepair(Guid ticketId, Clock clock, string holder, Light light, DateTimeOffset due, double lateSeconds);
}

/// <summary>Runs the watchdog at start-up and then every interval, and counts the dead letters with it.</summary>
public sealed partial class TimerWatchdogService(
    TimerWatchdog watchdog, DeadLetterAlarm deadLetters, WatchdogSettings settings, IHostApplicationLifetime lifetime,
    ILogger<TimerWatchdogService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Wolverine sends only once the host has started.
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }

        // The timers that fell due while no node ran reach the handler from Wolverine's scheduler in the first seconds
        // after a start. A sweep at once would find each of them overdue and send it a second time: after a kill with
        // 4,000 timers due it sent 1,000 that the scheduler was delivering anyway, and their batches raced the
        // scheduler's on the same tickets. So the first sweep, too, leaves the scheduler its grace.
        await Task.Delay(settings.Grace, stoppingToken);

        // The cadence is the wall clock's, as Wolverine's polling is, so a test moving its fake clock sets off no
        // sweep between two of its steps; what is overdue is judged on the injected clock.
        using var timer = new PeriodicTimer(settings.Interval);
        do
        {
            await RunOnceAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RunOnceAsync(CancellationToken ct)
    {
        try
        {
            await watchdog.SweepAsync(ct);
            await deadLetters.CountAsync(ct);
        }
        catch (Exception e) when (MessageFailures.IsTransient(e))
        {
            LogDatabaseAway(e.Message);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // A failed sweep must not stop the host (a background service's exception does): the next one tries again.
            LogSweepFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The timer watchdog's sweep failed; it tries again at its next sweep.")]
    private partial void LogSweepFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The timer watchdog could not reach the database ({Reason}); it tries again at its next sweep.")]
    private partial void LogDatabaseAway(string reason);
}
