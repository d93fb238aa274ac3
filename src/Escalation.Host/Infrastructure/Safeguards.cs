using Escalation.Host.Features.Timers;
using Wolverine;
using Wolverine.Persistence.Durability;

namespace Escalation.Host.Infrastructure;

/// <summary>What keeps a deadline from being missed silently (see README, Retries, dead letters and the watchdog).</summary>
public static class Safeguards
{
    /// <summary>
    /// Transient faults retried until they pass (<see cref="MessageFailures"/>), every dead letter an alarm
    /// (<see cref="DeadLetterAlarm"/>), and the watchdog that fires any timer lost anyway (<see cref="TimerWatchdog"/>).
    /// </summary>
    public static void AddSafeguards(this WolverineOptions opts, IConfiguration configuration)
    {
        MessageFailures.Apply(opts);

        var services = opts.Services;
        services.AddSingleton<DeadLetterAlarm>();
        services.AddSingleton<IDeadLetterInterceptor>(provider => provider.GetRequiredService<DeadLetterAlarm>());
        services.AddHealthChecks().AddCheck<DeadLetterHealthCheck>("dead-letters", tags: ["ready"]);

        services.AddSingleton(WatchdogSettings.From(configuration));
        services.AddSingleton<TimerWatchdog>();
        services.AddHostedService<TimerWatchdogService>();
    }
}
