using Escalation.Domain;
using Escalation.Domain.Escalation;
using Escalation.Domain.Timers;
using Escalation.Host.Features.Timers;
using Escalation.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Escalation.IntegrationTests.Timers;

/// <summary>
/// The invariant "no running clock is past due by more than the grace without its light", on the fake clock:
/// whatever lost a timer, the watchdog's sweep fires it, once.
/// </summary>
public sealed class TimerWatchdogTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private static readonly TimeSpan Grace = WatchdogSettings.From(new ConfigurationBuilder().Build()).Grace;
    private readonly HttpClient _operator = app.ClientFor("op-01");
    private readonly HttpClient _township = app.ClientFor("disp-SC-T01");

    private TimerWatchdog Watchdog => app.Services.GetRequiredService<TimerWatchdog>();

    [Fact]
    public async Task a_deadline_whose_timer_was_lost_is_lit_red_by_the_watchdog_and_the_ticket_climbs_a_tier()
    {
        var (id, accept) = await DispatchedToTheVillageAsync();
        (await app.DeleteScheduledTimersAsync(id)).ShouldBe(6, "the yellow and red timers of the accept limit and of intake's clocks (to triage, the whole case) were scheduled");
        MoveClockTo(accept.Deadline + Grace + TimeSpan.FromSeconds(1));

        var fired = await SweepAsync(id);

        fired.Where(c => c.TicketId == id).Select(c => c.Light).ShouldBe([Light.Red]);
        Watchdog.LastOverdue.ShouldBeGreaterThanOrEqualTo(1);
        var events = await app.EventsAsync(id);
        events.OfType<WarningLightLit>().Single().ShouldBe(
            new WarningLightLit(id, Actor.System, app.Clock.GetUtcNow(), Clock.Accept, Light.Red, "SC-T01-V01", accept.Deadline, null));
        events.OfType<TicketEscalated>().Single().Reason.ShouldBe(EscalationReason.DeadlineMissed);

        (await SweepAsync(id)).ShouldNotContain(c => c.TicketId == id);
        Watchdog.LastOverdue.ShouldBe(0, "every clock the sweep fired now has its light");
    }

    [Fact]
    public async Task a_yellow_time_passed_without_its_light_is_lit_yellow_and_nothing_more()
    {
        var (id, accept) = await DispatchedToTheVillageAsync();
        await app.DeleteScheduledTimersAsync(id);
        MoveClockTo(accept.YellowAt + Grace + TimeSpan.FromSeconds(1));
        app.Clock.GetUtcNow().ShouldBeLessThan(accept.Deadline);

        var fired = await SweepAsync(id);

        fired.Where(c => c.TicketId == id).Select(c => c.Light).ShouldBe([Light.Yellow]);
        var events = await app.EventsAsync(id);
        events.OfType<WarningLightLit>().Select(l => l.Light).ShouldBe([Light.Yellow]);
        events.OfType<TicketEscalated>().ShouldBeEmpty();
    }

    [Fact]
    public async Task a_clock_late_by_no_more_than_the_grace_is_left_to_its_timer()
    {
        var (id, accept) = await DispatchedToTheVillageAsync();
        await app.DeliverAsync(accept, Light.Yellow);
        MoveClockTo(accept.Deadline + Grace);

        var fired = await SweepAsync(id);

        fired.ShouldNotContain(c => c.TicketId == id);
        (await app.EventsAsync(id)).OfType<WarningLightLit>().ShouldNotContain(l => l.Light == Light.Red);
    }

    [Fact]
    public async Task a_timer_fired_by_the_watchdog_and_then_by_the_scheduler_acts_once()
    {
        var (id, accept) = await DispatchedToTheVillageAsync();
        MoveClockTo(accept.Deadline + Grace + TimeSpan.FromSeconds(1));

        await SweepAsync(id);
        await app.DeliverAsync(accept, Light.Red);

        var events = await app.EventsAsync(id);
        events.OfType<WarningLightLit>().Count(l => l.Light == Light.Red).ShouldBe(1);
        events.OfType<TicketEscalated>().Count().ShouldBe(1);
    }

    private async Task<(Guid Id, TimeLimitStarted Accept)> DispatchedToTheVillageAsync()
    {
        var id = await _operator.ReportAsync();
        await _township.DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
        return (id, (await app.ClocksAsync(id)).Single(c => c.Clock == Clock.Accept));
    }

    /// <summary>
    /// Runs a sweep and waits until the ticket shows each light the sweep fired for it. The timers it sends are
    /// collected into batches, which Wolverine's tracking does not follow, so the ticket is watched instead.
    /// </summary>
    private async Task<IReadOnlyList<OverdueClock>> SweepAsync(Guid id)
    {
        var fired = await Watchdog.SweepAsync();
        var lights = fired.Where(c => c.TicketId == id).Select(c => (c.Clock.Clock, c.Light)).ToList();
        await app.WaitUntilAsync([id], events => lights.All(wanted =>
            events.OfType<WarningLightLit>().Any(lit => (lit.Clock, lit.Light) == wanted)), TimeSpan.FromSeconds(30));
        return fired;
    }

    private void MoveClockTo(DateTimeOffset time)
    {
        if (app.Clock.GetUtcNow() < time)
            app.Clock.SetUtcNow(time);
    }
}
