using Escalation.Domain.Timers;
using Escalation.IntegrationTests.Infrastructure;

namespace Escalation.IntegrationTests.Timers;

/// <summary>
/// At start-up the watchdog leaves the scheduler its grace before it sweeps: the timers that fell due while no host ran
/// are on their way from Wolverine's inbox, and a sweep at once would send each of them a second time.
/// </summary>
public sealed class WatchdogStartUpTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task a_clock_whose_timer_was_lost_while_no_host_ran_is_lit_after_the_grace_not_at_once()
    {
        // A ticket dispatched to its village on the fake clock of 2026-11-23, whose timers are then lost.
        var first = new EscalationApp();
        await first.InitializeAsync();
        Guid id;
        try
        {
            id = await first.ClientFor("op-01").ReportAsync();
            await first.ClientFor("disp-SC-T01").DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
            (await first.DeleteScheduledTimersAsync(id)).ShouldBeGreaterThan(0);
        }
        finally
        {
            await first.DisposeAsync();
        }

        // A host on the same database and the real clock, for which that ticket's deadlines are days past.
        var starting = DateTimeOffset.UtcNow;
        var second = await EscalationApp.StartAsync(first.ConnectionString, ("Escalation:Timers:WatchdogGrace", Grace.ToString()));
        try
        {
            await second.WaitUntilAsync([id], events => events.OfType<WarningLightLit>().Any(l => l.Clock == Clock.Accept && l.Light == Light.Red),
                TimeSpan.FromSeconds(60));

            // The lights carry the host's clock: none can come before the first sweep, however slow the machine.
            (await second.EventsAsync(id)).OfType<WarningLightLit>().Min(l => l.At).ShouldBeGreaterThanOrEqualTo(starting + Grace, "the first sweep waits the grace");
        }
        finally
        {
            await second.DisposeAsync();
        }
    }
}
