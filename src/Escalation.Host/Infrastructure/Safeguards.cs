using Escalation.Host.Features.Timers;
using Wolverine;

namespace Escalation.Host.Infrastructure;

/// <summary>What keeps a deadline from being missed silently (see README, Retries, dead letters and the watchdog).</summary>
public static class Safeguards
{
    /// <summary>
    /// Transient faults retried until they pass (<see cref="MessageFailures"/>), every dead letter an alarm
    /// (<see cref="DeadLetterAlarm"/>), the watchdog that fires any timer lost anyway (<see cref="TimerWatchdog"/>), and
    /// after a start with clocks overdue, the API's commands taking turns until the timers have caught up (<see cref="CatchUpGate"/>).
    /// </summary>
    public static void AddSafeguards(this WolverineOptions opts, IConfiguration configuration)
    {
        MessageFailures.Apply(opts);

        var services = opts.Services;
        services.AddSingleton<DeadLetterAlarm>();
        services.AddHealthChecks().AddCheck<DeadLetterHealthCheck>("dead-letters", tags: ["ready"]);

        services.AddSingleton(WatchdogSettings.From(configuration));
        services.AddSingleton<TimerWatchdog>();
        services.AddHostedService<TimerWatchdogService>();

        services.AddSingleton(CatchUpSettings.From(configuration));
        // The wall clock, not the injected one: the gate's windows are real seconds of catching up, and a test's fake
        // clock, which moves only when told, would hold the commands for good.
        services.AddSingleton(provider => new CatchUpGate(
            provider.GetRequiredService<CatchUpSettings>(), provider.GetRequiredService<ILogger<CatchUpGate>>(), TimeProvider.System));
        services.AddHostedService<CatchUpStart>();
    }
}
