using System.Text.Json.Nodes;
using Escalation.Domain.Escalation;
using Escalation.Domain.Timers;
using Escalation.Host.Features.Timers;
using Escalation.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Escalation.IntegrationTests.Timers;

/// <summary>
/// Real timers with short real limits: they are durable, survive a stopped host and fire once. The first host never
/// polls for due timers, so however long it takes to stop, none fires before the second host starts.
/// </summary>
public sealed class TimerDurabilityTests : IDisposable
{
    private const int Tickets = 5;
    private static readonly TimeSpan AcceptLimit = TimeSpan.FromSeconds(3);
    private const string NeverPolls = "1.00:00:00";
    private const string Polls = "00:00:00.100";
    private readonly string _folder = Directory.CreateTempSubdirectory("escalation-timers-").FullName;

    [Fact]
    public async Task timers_pending_when_the_host_stops_fire_once_each_when_it_starts_again()
    {
        var database = await TestCluster.CreateDatabaseAsync("timers");
        var ids = await TicketsWithOverdueTimersAsync(database, Tickets);
        var restartedAt = DateTimeOffset.UtcNow;
        var second = await EscalationApp.StartAsync(database, ShortLimits(Polls));
        try
        {
            await WaitUntilAsync(second, ids, events => events.OfType<TicketEscalated>().Any(), TimeSpan.FromSeconds(30));

            foreach (var id in ids)
            {
                var events = await EventsAsync(second, id);
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

    [Fact]
    public async Task the_overdue_yellow_and_red_of_one_ticket_in_batches_run_at_once_do_not_race()
    {
        var database = await TestCluster.CreateDatabaseAsync("timerrace");
        var ids = await TicketsWithOverdueTimersAsync(database, 3);

        // Each timer a batch of its own, five batches at once: a ticket's yellow and red, both overdue, run side by side.
        var second = await EscalationApp.StartAsync(database, services => services.AddFakeLogging(),
            [.. ShortLimits(Polls), ("Escalation:Timers:HandlerBatchSize", "1")]);
        try
        {
            await WaitUntilAsync(second, ids, events => events.OfType<TicketEscalated>().Any(), TimeSpan.FromSeconds(30));

            var races = second.Services.GetFakeLogCollector().GetSnapshot()
                .Where(r => r.Exception is JasperFx.Events.EventStreamUnexpectedMaxEventIdException or JasperFx.ConcurrencyException)
                .Select(r => $"{r.Category}: {r.Exception!.Message}");
            races.ShouldBeEmpty("a batch that lost a race on a ticket was rolled back and run again");
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task a_host_started_with_clocks_overdue_lets_the_timers_go_first_then_opens_to_commands()
    {
        var database = await TestCluster.CreateDatabaseAsync("catchup");
        var ids = await TicketsWithOverdueTimersAsync(database, Tickets);
        // A quiet time long enough that the command below surely comes while the timers catch up, on a slow machine too.
        var second = await EscalationApp.StartAsync(database, [.. ShortLimits(Polls), ("Escalation:Timers:CatchUpQuiet", "00:00:05")]);
        try
        {
            var gate = second.Services.GetRequiredService<CatchUpGate>();
            gate.Engaged.ShouldBeTrue("the clocks were overdue at the start");
            // A command waits its turn, and is neither refused nor lost.
            var reported = await second.ClientFor("op-01").ReportAsync();
            (await EventsAsync(second, reported)).ShouldNotBeEmpty();
            gate.TurnsTaken.ShouldBeGreaterThanOrEqualTo(1, "the command took a turn");

            await WaitUntilAsync(second, ids, events => events.OfType<TicketEscalated>().Any(), TimeSpan.FromSeconds(30));
            var giveUp = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(20);
            while (gate.CatchingUp && DateTimeOffset.UtcNow < giveUp)
                await Task.Delay(100);
            gate.CatchingUp.ShouldBeFalse("the timers have caught up");
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>
    /// Tickets triaged on a host that never polls, which then stops; returns once every one's accept timers are due
    /// (a yellow falls due before its red), so the next host finds them all overdue.
    /// </summary>
    private async Task<List<Guid>> TicketsWithOverdueTimersAsync(string database, int count)
    {
        var ids = new List<Guid>();
        var lastDeadline = DateTimeOffset.MinValue;
        var first = await EscalationApp.StartAsync(database, ShortLimits(NeverPolls));
        first.Services.GetRequiredService<CatchUpGate>().Engaged.ShouldBeFalse("nothing is overdue in a new county");
        for (var i = 0; i < count; i++)
        {
            var id = await first.ClientFor("op-01").ReportAsync();
            await first.ClientFor("disp-SC-T01").DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
            ids.Add(id);
            var accept = (await first.ClocksAsync(id)).Single(c => c.Clock == Clock.Accept);
            lastDeadline = accept.Deadline > lastDeadline ? accept.Deadline : lastDeadline;
        }
        await first.DisposeAsync();

        var wait = lastDeadline - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200);
        if (wait > TimeSpan.Zero)
            await Task.Delay(wait);
        return ids;
    }

    /// <summary>The sample county with a 3-second limit to accept, so timers fall due within the test.</summary>
    private (string, string)[] ShortLimits(string pollingInterval)
    {
        var data = Path.Combine(AppContext.BaseDirectory, "Data");
        var county = JsonNode.Parse(File.ReadAllText(Path.Combine(data, "sample-county.json")))!;
        county["timeLimits"]!["accept"]!["normal"] = $"{AcceptLimit.TotalSeconds} seconds";
        var file = Path.Combine(_folder, "county.json");
        File.WriteAllText(file, county.ToJsonString());
        return [("Escalation:ReferenceData", file), ("Escalation:Calendars", data), ("Escalation:Timers:PollingInterval", pollingInterval)];
    }

    /// <summary>
    /// Timers fire on their own schedule, which nothing in the test can await: look at the tickets until each
    /// shows the outcome, for a bounded time.
    /// </summary>
    private static async Task WaitUntilAsync(EscalationApp app, IEnumerable<Guid> ids, Func<IReadOnlyList<object>, bool> done, TimeSpan limit)
    {
        var giveUp = DateTimeOffset.UtcNow + limit;
        foreach (var id in ids)
        {
            while (!done(await EventsAsync(app, id)))
            {
                if (DateTimeOffset.UtcNow > giveUp)
                    throw new TimeoutException($"Ticket {id}'s timers did not fire within {limit}.");
                await Task.Delay(100);
            }
        }
    }

    private static async Task<IReadOnlyList<object>> EventsAsync(EscalationApp app, Guid id)
    {
        await using var session = app.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return [.. (await session.Events.FetchStreamAsync(id)).Select(e => e.Data)];
    }
}
