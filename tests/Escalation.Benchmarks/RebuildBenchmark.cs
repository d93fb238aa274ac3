using System.Diagnostics;
using System.Globalization;
using Escalation.Domain;
using Escalation.Domain.Reference;
using Escalation.Simulation;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Escalation.Benchmarks;

/// <summary>
/// How fast the read models rebuild from the events. Appends simulated months of cases (each month's events in the
/// order they happened, so that a ticket's events lie apart in the store as in a county's) until the store holds the
/// asked number of events, then rebuilds each projection through the host's own daemon, one after the other.
/// </summary>
public static class RebuildBenchmark
{
    public sealed record Options(int Events)
    {
        public static Options Parse(string[] args)
        {
            var i = Array.IndexOf(args, "--events");
            return new Options(i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : 100_000);
        }
    }

    public static async Task<int> RunAsync(Options options)
    {
        await using var host = await BenchmarkHost.StartAsync();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        Console.WriteLine($"# Rebuild benchmark ({Environment.ProcessorCount} cores)");

        var events = await SeedAsync(store, host.Services.GetRequiredService<ReferenceData>(), options.Events);
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(10));

        var daemon = host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        var total = Stopwatch.StartNew();
        foreach (var projection in ((DocumentStore)store).Options.Projections.All.Where(p => p.Lifecycle != ProjectionLifecycle.Live))
        {
            var watch = Stopwatch.StartNew();
            await daemon.RebuildProjectionAsync(projection.Name, TimeSpan.FromMinutes(10), CancellationToken.None);
            Console.WriteLine($"| rebuild {projection.Name} ({projection.Lifecycle}) | {events:N0} events | {watch.Elapsed.TotalSeconds:F1} s | {events / watch.Elapsed.TotalSeconds:N0} events/s |");
        }
        Console.WriteLine($"| rebuild all, one after the other | {events:N0} events | {total.Elapsed.TotalSeconds:F1} s | {events / total.Elapsed.TotalSeconds:N0} events/s |");
        return 0;
    }

    private static async Task<long> SeedAsync(IDocumentStore store, ReferenceData reference, int wanted)
    {
        var simulator = new CaseSimulator(reference, seed: 20261101);
        var month = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
        var events = 0L;
        var watch = Stopwatch.StartNew();
        while (events < wanted)
        {
            var happened = simulator.Cases(month, month.AddMonths(1), 1000)
                .SelectMany(c => c.Events.Select((e, i) => (c.Id, Index: i, Event: e)))
                .OrderBy(x => ((ITicketEvent)x.Event).At)
                .ToList();
            foreach (var chunk in happened.Chunk(2000))
            {
                await using var session = store.LightweightSession();
                foreach (var stream in chunk.GroupBy(x => x.Id))
                {
                    var appended = stream.Select(x => x.Event).ToArray();
                    if (stream.First().Index == 0)
                        session.Events.StartStream<Ticket>(stream.Key, appended);
                    else
                        session.Events.Append(stream.Key, appended);
                }
                await session.SaveChangesAsync();
            }
            events += happened.Count;
            month = month.AddMonths(1);
        }
        Console.WriteLine($"| append in the order things happened (hash chain, inline view) | {events:N0} events | {watch.Elapsed.TotalSeconds:F1} s | {events / watch.Elapsed.TotalSeconds:N0} events/s |");
        return events;
    }
}
