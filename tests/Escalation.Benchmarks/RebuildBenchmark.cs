using System.Diagnostics;
using Escalation.Domain;
using Escalation.Domain.Reference;
using Escalation.Simulation;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

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
        public const string Usage = "[--events 100000]";

        public static Options Parse(Arguments args) => new(args.Whole("--events", 100_000));
    }

    /// <summary>What one run measured: the appends that seeded the store, each projection's rebuild, and a raw scan of the events.</summary>
    public sealed record Figures(long Events, double AppendSeconds, IReadOnlyList<Rebuilt> Projections, double AllSeconds, RawScan Scan)
    {
        public double AppendRate => Events / AppendSeconds;
        public double AllRate => Events / AllSeconds;

        /// <summary>Rebuilding every projection, one after the other, against reading the events table raw.</summary>
        public double ShareOfScan => AllRate / Scan.EventsPerSecond;
    }

    /// <param name="HostCores">CPU the host (in this process) used during the rebuild, in cores: about 1 is one thread kept busy.</param>
    public sealed record Rebuilt(string Name, string Lifecycle, double Seconds, double EventsPerSecond, double HostCores);

    /// <summary>Every row of the events table read in sequence order over raw Npgsql, every column fetched (the bodies as text).</summary>
    public sealed record RawScan(long Events, double Seconds, double MegabytesRead)
    {
        public double EventsPerSecond => Events / Seconds;
    }

    public static async Task<int> RunAsync(Options options)
    {
        Console.WriteLine($"# Rebuild benchmark ({Environment.ProcessorCount} cores)");
        var f = await MeasureAsync(options);
        Console.WriteLine($"| append in the order things happened (hash chain, inline view) | {f.Events:N0} events | {f.AppendSeconds:F1} s | {f.AppendRate:N0} events/s |");
        foreach (var p in f.Projections)
            Console.WriteLine($"| rebuild {p.Name} ({p.Lifecycle}) | {f.Events:N0} events | {p.Seconds:F1} s | {p.EventsPerSecond:N0} events/s | host CPU {p.HostCores:F2} cores |");
        Console.WriteLine($"| rebuild all, one after the other | {f.Events:N0} events | {f.AllSeconds:F1} s | {f.AllRate:N0} events/s |");
        Console.WriteLine($"| raw sequential scan of the events table | {f.Scan.Events:N0} events, {f.Scan.MegabytesRead:N0} MB | {f.Scan.Seconds:F1} s | {f.Scan.EventsPerSecond:N0} events/s |");
        return 0;
    }

    /// <summary>On a durable cluster of its own, or on the (empty) database given; <paramref name="rebuilding"/> is told when the rebuilds start (true) and end (false).</summary>
    public static async Task<Figures> MeasureAsync(Options options, string? connectionString = null, Action<bool>? rebuilding = null)
    {
        await using var host = connectionString is null ? await BenchmarkHost.StartAsync() : BenchmarkHost.StartOn(connectionString);
        var store = host.Services.GetRequiredService<IDocumentStore>();

        var appending = Stopwatch.StartNew();
        var events = await SeedAsync(store, host.Services.GetRequiredService<ReferenceData>(), options.Events);
        var appendSeconds = appending.Elapsed.TotalSeconds;
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(10));

        var scan = await ScanAsync(host.ConnectionString);
        var daemon = host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        var rebuilt = new List<Rebuilt>();
        rebuilding?.Invoke(true);
        var total = Stopwatch.StartNew();
        foreach (var projection in ((DocumentStore)store).Options.Projections.All.Where(p => p.Lifecycle != ProjectionLifecycle.Live))
        {
            var watch = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            await daemon.RebuildProjectionAsync(projection.Name, TimeSpan.FromMinutes(10), CancellationToken.None);
            var seconds = watch.Elapsed.TotalSeconds;
            var cores = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / seconds;
            rebuilt.Add(new Rebuilt(projection.Name, projection.Lifecycle.ToString(), seconds, events / seconds, Math.Round(cores, 2)));
        }
        var allSeconds = total.Elapsed.TotalSeconds;
        rebuilding?.Invoke(false);
        return new Figures(events, appendSeconds, rebuilt, allSeconds, scan);
    }

    private static async Task<RawScan> ScanAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select * from escalation.mt_events order by seq_id", connection) { CommandTimeout = 0 };
        var watch = Stopwatch.StartNew();
        long rows = 0, characters = 0;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            var values = new object[reader.FieldCount];
            while (await reader.ReadAsync())
            {
                reader.GetValues(values);
                characters += values.Sum(v => v is string text ? text.Length : 8);
                rows++;
            }
        }
        return new RawScan(rows, watch.Elapsed.TotalSeconds, characters / 1e6);
    }

    /// <summary>The first month simulated, and the last one that may start cases: the business calendars end with 2027 and a case lives on for weeks.</summary>
    private static readonly DateTimeOffset FirstMonth = new(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset LastMonth = new(2027, 6, 1, 0, 0, 0, TimeSpan.FromHours(8));

    internal static async Task<long> SeedAsync(IDocumentStore store, ReferenceData reference, int wanted)
    {
        var simulator = new CaseSimulator(reference, seed: 20261101);
        var months = (LastMonth.Year - FirstMonth.Year) * 12 + LastMonth.Month - FirstMonth.Month + 1;
        // At least 1,000 cases a month (a county's order of magnitude); more when the store must hold more events than
        // that many months give, as many as the events per case simulated so far say are needed to finish by LastMonth.
        var casesPerMonth = Math.Max(1000, wanted / 200);
        long events = 0, cases = 0;
        for (var month = FirstMonth; events < wanted; month = month.AddMonths(1))
        {
            if (month > LastMonth)
                throw new InvalidOperationException($"{wanted:N0} events did not fit in the months up to {LastMonth:yyyy-MM}, which the business calendars allow.");
            var happened = simulator.Cases(month, month.AddMonths(1), casesPerMonth)
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
            cases += casesPerMonth;
            var monthsLeft = months - (month.Year - FirstMonth.Year) * 12 - (month.Month - FirstMonth.Month) - 1;
            if (monthsLeft > 0 && events < wanted)
                casesPerMonth = Math.Max(casesPerMonth, (int)Math.Ceiling((wanted - events) / ((double)events / cases) / monthsLeft));
        }
        return events;
    }
}
