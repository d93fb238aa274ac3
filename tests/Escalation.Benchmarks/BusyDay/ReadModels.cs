using System.Diagnostics;
using Escalation.Host.Api;

namespace Escalation.Benchmarks.BusyDay;

/// <summary>The auditors' figures on one case of <see cref="Events"/> events: history and as-of replay latency, and the hash-chain verification rate.</summary>
public sealed record AuditFigures(int Events, LoadStep History, LoadStep Replay, RateSearch Verify)
{
    public double EventsVerifiedPerSecond => Verify.SustainedMax * Events;
}

public static class Audit
{
    /// <summary>
    /// A case the auditors look into: opened, triaged, accepted (each with the time limit it starts), then noted on
    /// until its stream holds <paramref name="events"/> events. Returns its id.
    /// </summary>
    public static async Task<Guid> BuildCaseAsync(CountyApi api, Workload workload, int number, int events)
    {
        Case c;
        do
            c = workload.Draw(number++);
        while (c.SolvedAt != SolvedAt.Village);
        var id = await api.OpenAsync(c.Operator, Workload.Ticket(c.Number, c.VillageCode, c.CategoryCode));
        await api.DoAsync(c.TownshipDispatcher, id, "triage", new Host.Features.Triage.TriageRequest(c.CategoryCode, null));
        var version = (await api.DoAsync(c.VillageDispatcher!, id, "accept")).GetProperty("version").GetInt64();
        while (version < events)
        {
            var note = new NoteRequest($"第{version}次进展：已安排人员现场查看并与当事人沟通");
            version = (await api.DoAsync(c.VillageDispatcher!, id, "progress", note)).GetProperty("version").GetInt64();
        }
        if (version != events)
            throw new UnexpectedAnswerException($"the audited case holds {version} events, not {events}");
        return id;
    }
}

/// <summary>
/// How far the async projections trail the events while the host is under load: sampled from Marten's progress table
/// (mt_event_progression: the daemon's high-water mark and each async projection shard's last event) against the
/// event sequence (the largest seq_id in mt_events), every 200 ms, then until they have caught up.
/// </summary>
public sealed class ProjectionLag : IAsyncDisposable
{
    private const string HighWaterMark = "HighWaterMark";
    private readonly BenchCluster _cluster;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Sample> _samples = [];
    private readonly Task _sampling;

    private ProjectionLag(BenchCluster cluster)
    {
        _cluster = cluster;
        _sampling = Task.Run(SampleAsync);
    }

    public static ProjectionLag Start(BenchCluster cluster) => new(cluster);

    /// <summary>Stops sampling at the end of the load, then waits (up to <paramref name="limit"/>) for every shard to catch up.</summary>
    public async Task<LagFigures> FinishAsync(TimeSpan limit)
    {
        var loadEnded = Stopwatch.GetTimestamp();
        await StopAsync();
        var during = Snapshot();
        double? caughtUpMs = null;
        while (Stopwatch.GetElapsedTime(loadEnded) < limit)
        {
            var last = await ReadAsync();
            if (last.Behind.Values.All(lag => lag <= 0))
            {
                caughtUpMs = Stopwatch.GetElapsedTime(loadEnded).TotalMilliseconds;
                break;
            }
            await Task.Delay(100);
        }
        return new LagFigures(
            during.Count,
            during.SelectMany(s => s.Behind.Keys).Distinct().Order().ToDictionary(
                shard => shard, shard => Latency.Of(during.Select(s => (double)s.Behind.GetValueOrDefault(shard)))),
            caughtUpMs);
    }

    private List<Sample> Snapshot()
    {
        lock (_samples)
            return [.. _samples];
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        while (!_stop.IsCancellationRequested)
        {
            var sample = await ReadAsync();
            lock (_samples)
                _samples.Add(sample);
            try
            {
                await timer.WaitForNextTickAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Events each shard (and the high-water mark) is behind the newest event.</summary>
    private async Task<Sample> ReadAsync()
    {
        var rows = await _cluster.RowsAsync(
            "select p.name, (select coalesce(max(seq_id), 0) from escalation.mt_events) - p.last_seq_id from escalation.mt_event_progression p " +
            "where p.name = 'HighWaterMark' or p.name not like 'HighWater%'",
            r => (Name: r.GetString(0), Behind: r.GetInt64(1)));
        return new Sample(rows.ToDictionary(r => r.Name == HighWaterMark ? "high-water mark" : r.Name, r => r.Behind));
    }

    private async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
            await _stop.CancelAsync();
        await _sampling;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private sealed record Sample(IReadOnlyDictionary<string, long> Behind);
}

/// <summary>Events behind the newest, per shard, over the samples taken under load; and how long after the load all had caught up.</summary>
public sealed record LagFigures(int Samples, IReadOnlyDictionary<string, Latency> EventsBehind, double? CaughtUpAfterMs);
