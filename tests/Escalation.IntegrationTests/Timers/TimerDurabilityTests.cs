using Escalation.Domain.Escalation;
using Escalation.Domain.Timers;
using Escalation.IntegrationTests.Infrastructure;

namespace Escalation.IntegrationTests.Timers;

/// <summary>Real timers with short real limits: they are durable, survive a stopped host and fire once.</summary>
public sealed class TimerDurabilityTests : IDisposable
{
    private const int Tickets = 5;
    private static readonly TimeSpan AcceptLimit = TimeSpan.FromSeconds(3);
    private readonly ShortLimits _limits = new(AcceptLimit);

    [Fact]
    public async Task timers_pending_when_the_host_stops_fire_once_each_when_it_starts_again()
    {
        var database = await TestCluster.CreateDatabaseAsync("timers");
        var settings = _limits.Settings();
        var ids = new List<Guid>();
        var first = await EscalationApp.StartAsync(database, settings);
        for (var i = 0; i < Tickets; i++)
        {
            var id = await first.ClientFor("op-01").ReportAsync();
            await first.ClientFor("disp-SC-T01").DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
            ids.Add(id);
        }
        await first.DisposeAsync();

        // Every timer falls due while no host runs.
        await Task.Delay(AcceptLimit + TimeSpan.FromSeconds(1));
        var restartedAt = DateTimeOffset.UtcNow;
        var second = await EscalationApp.StartAsync(database, settings);
        try
        {
            await second.WaitUntilAsync(ids, events => events.OfType<TicketEscalated>().Any(), TimeSpan.FromSeconds(30));

            foreach (var id in ids)
            {
                var events = await second.EventsAsync(id);
                var villageLights = events.OfType<WarningLightLit>().Where(l => l.Holder == "SC-T01-V01").Select(l => l.Light).ToList();
                // Both timers are overdue at the restart and run in either order; a yellow after the red decides nothing.
                villageLights.Count(l => l == Light.Red).ShouldBe(1, id.ToString());
                villageLights.Count(l => l == Light.Yellow).ShouldBeLessThanOrEqualTo(1, id.ToString());
                villageLights[^1].ShouldBe(Light.Red, id.ToString());
                events.OfType<WarningLightLit>().Where(l => l.Holder == "SC-T01-V01").ShouldAllBe(l => l.At >= restartedAt, "the second host lit them");
                events.OfType<TicketEscalated>().Count(e => e.FromUnitCode == "SC-T01-V01").ShouldBe(1);
            }
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    public void Dispose() => _limits.Dispose();
}
