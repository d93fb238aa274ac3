using System.Diagnostics;
using Escalation.Benchmarks.BusyDay;
using Escalation.Domain;
using Escalation.Domain.Reference;
using Escalation.Host.Commands;
using Escalation.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Escalation.Benchmarks;

/// <summary>
/// What a batch of timers reads before it decides, the two ways the write side can read it: the state kept in the
/// tickets' inline views (<see cref="TicketStreams"/>, what the host does) against a fold of every event of each stream
/// plus the views themselves, which Marten's inline projection then has to load. Each round reads one batch both ways,
/// in turn first, on a store seeded with simulated months; raw Npgsql reading the same views is the baseline.
/// </summary>
public static class WriteSideBenchmark
{
    public sealed record Options(int Events, int Rounds, int Batch)
    {
        public const string Usage = "[--events 100000] [--rounds 200] [--batch 100]";

        public static Options Parse(Arguments args) => new(args.Whole("--events", 100_000), args.Whole("--rounds", 200), args.Whole("--batch", 100));
    }

    private sealed class Totals
    {
        public double WallMs;
        public double HostMs;
        public double PostgresMs;
    }

    public static async Task<int> RunAsync(Options options)
    {
        await using var cluster = await BenchCluster.StartAsync(statements: false, profile: false);
        await using var host = BenchmarkHost.StartOn(cluster.ConnectionString);
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var events = await RebuildBenchmark.SeedAsync(store, host.Services.GetRequiredService<ReferenceData>(), options.Events);
        await using var query = store.QuerySession();
        var ids = (await query.Query<TicketView>().Select(v => v.Id).ToListAsync()).ToArray();
        Console.WriteLine($"# Write side: a batch's tickets read for writing ({Environment.ProcessorCount} cores, {events:N0} events, {ids.Length:N0} tickets, batches of {options.Batch})");

        var meter = new CpuMeter(() => Environment.ProcessId, cluster.PostmasterPid);
        Func<Guid[], Task>[] ways =
        [
            batch => ViewsAsync(store, batch),
            batch => FoldAsync(store, batch),
            batch => RawAsync(cluster.ConnectionString, batch),
        ];
        var totals = ways.Select(_ => new Totals()).ToArray();
        // Warm-up: every way once, not counted.
        foreach (var way in ways)
            await way(ids[..options.Batch]);
        for (var round = 0; round < options.Rounds; round++)
        {
            var batch = Enumerable.Range(round * options.Batch, options.Batch).Select(i => ids[i % ids.Length]).Distinct().ToArray();
            for (var k = 0; k < ways.Length; k++)
            {
                // Each way goes first in turn, so that none always finds the pages the other one read.
                var w = (k + round) % ways.Length;
                var before = meter.Take();
                var watch = Stopwatch.StartNew();
                await ways[w](batch);
                totals[w].WallMs += watch.Elapsed.TotalMilliseconds;
                var after = meter.Take();
                totals[w].HostMs += (after.Host - before.Host) * 10.0;
                totals[w].PostgresMs += (after.Postgres - before.Postgres) * 10.0;
            }
        }

        var tickets = (double)options.Rounds * options.Batch;
        string[] names = ["the views' state (the host's way)", "a fold of every event, and the views", "raw Npgsql: the same views' rows"];
        Console.WriteLine("| read | wall per ticket | host CPU per ticket | PostgreSQL CPU per ticket | wall, against raw |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        for (var w = 0; w < ways.Length; w++)
            Console.WriteLine($"| {names[w]} | {totals[w].WallMs / tickets * 1000:F0} µs | {totals[w].HostMs / tickets * 1000:F0} µs | {totals[w].PostgresMs / tickets * 1000:F0} µs | {totals[w].WallMs / totals[2].WallMs:F2} |");
        return 0;
    }

    private static async Task ViewsAsync(IDocumentStore store, Guid[] batch)
    {
        await using var session = store.LightweightSession();
        var streams = await TicketStreams.FetchAsync(session, batch, CancellationToken.None);
        foreach (var id in batch)
            _ = await streams.StateAsync(id, CancellationToken.None) ?? throw new InvalidOperationException($"No ticket {id}.");
    }

    private static async Task FoldAsync(IDocumentStore store, Guid[] batch)
    {
        await using var session = store.LightweightSession();
        var streams = await session.Events.FetchManyForWriting<Ticket>(batch);
        if (streams.Any(s => s.Aggregate is null))
            throw new InvalidOperationException("A ticket did not fold.");
        _ = await session.LoadManyAsync<TicketView>(batch);
    }

    private static async Task RawAsync(string connectionString, Guid[] batch)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select id, data, mt_version from escalation.mt_doc_ticketview where id = any($1)", connection);
        command.Parameters.AddWithValue(batch);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            _ = reader.GetString(1);
    }
}
