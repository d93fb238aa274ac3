using System.Diagnostics;
using System.Globalization;
using Escalation.Domain;
using Escalation.Host;
using Escalation.Host.Infrastructure;
using Escalation.Host.Reference;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Escalation.Simulation;

/// <summary>
/// Measures how fast the read models rebuild from the events, by hand:
/// <c>dotnet run -c Release --project tests/Escalation.Simulation -- 100000</c>. It provisions a throw-away
/// PostgreSQL cluster, starts the real host on it, appends simulated cases until the store holds the asked number of
/// events, then rebuilds each projection through the host's daemon and prints events per second.
/// </summary>
public static class RebuildBenchmark
{
    public static async Task<int> Main(string[] args)
    {
        var wanted = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var folder = Path.Combine(Path.GetTempPath(), $"escalation-bench-{Environment.ProcessId}");
        await using (var cluster = await LocalPostgres.StartAsync(new LocalPostgresOptions { Directory = folder, Ephemeral = true, Database = "bench" }))
        {
            var builder = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:0"]);
            builder.Logging.SetMinimumLevel(LogLevel.Error);
            var reference = ReferenceDataLoader.Load(builder.Configuration);
            builder.AddEscalation(cluster.ConnectionString, reference);
            await using var app = builder.Build();
            app.MapEscalation();
            await app.StartAsync();

            var store = app.Services.GetRequiredService<IDocumentStore>();
            var events = await SeedAsync(store, reference, wanted);
            await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(10));

            var daemon = app.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
            var projections = ((DocumentStore)store).Options.Projections.All.Where(p => p.Lifecycle != ProjectionLifecycle.Live);
            var total = Stopwatch.StartNew();
            foreach (var projection in projections)
            {
                var watch = Stopwatch.StartNew();
                await daemon.RebuildProjectionAsync(projection.Name, TimeSpan.FromMinutes(10), CancellationToken.None);
                Console.WriteLine($"{projection.Name} ({projection.Lifecycle}): {events:N0} events in {watch.Elapsed.TotalSeconds:F1} s = {events / watch.Elapsed.TotalSeconds:N0} events/s");
            }
            Console.WriteLine($"All projections: {total.Elapsed.TotalSeconds:F1} s = {events / total.Elapsed.TotalSeconds:N0} events/s");
            await app.StopAsync();
        }
        Directory.Delete(folder, recursive: true);
        return 0;
    }

    /// <summary>
    /// Appends simulated months of cases until the store holds at least <paramref name="wanted"/> events, each month's events
    /// in the order they happened, so that a ticket's events lie apart in the store as they do in a county's.
    /// </summary>
    private static async Task<long> SeedAsync(IDocumentStore store, Domain.Reference.ReferenceData reference, int wanted)
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
        Console.WriteLine($"Appended {events:N0} events in {watch.Elapsed.TotalSeconds:F1} s = {events / watch.Elapsed.TotalSeconds:N0} events/s, in the order they happened (hash chain and inline projection included)");
        return events;
    }
}
