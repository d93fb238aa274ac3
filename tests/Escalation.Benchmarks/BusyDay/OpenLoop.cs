using System.Collections.Concurrent;
using System.Diagnostics;

namespace Escalation.Benchmarks.BusyDay;

/// <summary>
/// Load at a set arrival rate, whatever the answers: operation i is planned at start + i / rate and started then,
/// however many are still running (open loop). Its latency runs from its planned start, so time spent queueing
/// behind a slow system (in this scheduler, the HTTP connection pool or the server) is counted, not hidden.
/// </summary>
public static class OpenLoop
{
    /// <summary>More operations than this still running when the next is due: the next is dropped (counted as not achieved).</summary>
    public const int MaxInFlight = 20_000;

    /// <summary>An operation: its index and planned start (a <see cref="Stopwatch"/> timestamp); true when it did what it should.</summary>
    public delegate Task<bool> Operation(int index, long plannedAt);

    public static async Task<LoadStep> RunAsync(string name, double rate, double seconds, Operation operation)
    {
        var count = Math.Max(1, (int)Math.Round(rate * seconds));
        var outcomes = new Outcome[count];
        var errors = new ConcurrentQueue<string>();
        var running = new List<Task>(count);
        var inFlight = 0;
        var ticksApart = Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 100;

        for (var i = 0; i < count; i++)
        {
            var planned = start + (long)(i * ticksApart);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), planned);
            if (wait >= TimeSpan.FromMilliseconds(1))
                await Task.Delay(wait);
            if (Volatile.Read(ref inFlight) >= MaxInFlight)
            {
                outcomes[i] = new Outcome(planned, planned, Dropped: true, Succeeded: false);
                continue;
            }
            Interlocked.Increment(ref inFlight);
            running.Add(IssueAsync(i, planned));
        }
        await Task.WhenAll(running);
        return LoadStep.From(name, rate, seconds, outcomes, [.. errors]);

        async Task IssueAsync(int index, long planned)
        {
            // Started up to a millisecond early (the timer's resolution): then its latency runs from its real start.
            var origin = Math.Max(planned, Stopwatch.GetTimestamp());
            var succeeded = false;
            try
            {
                succeeded = await operation(index, planned);
            }
            catch (Exception e)
            {
                if (errors.Count < 20)
                    errors.Enqueue(e is UnexpectedAnswerException ? e.Message : $"{e.GetType().Name}: {e.Message}");
            }
            outcomes[index] = new Outcome(origin, Stopwatch.GetTimestamp(), Dropped: false, succeeded);
            Interlocked.Decrement(ref inFlight);
        }
    }

    public static double Milliseconds(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    public readonly record struct Outcome(long StartedAt, long EndedAt, bool Dropped, bool Succeeded)
    {
        public double LatencyMs => Milliseconds(StartedAt, EndedAt);
    }
}

/// <summary>
/// One run of the open loop. Achieved rate = successes / (duration + backlog growth), where the backlog growth is
/// how much longer the last tenth of the operations (by plan) took than the first tenth (medians): a system that keeps
/// up has none, one that falls behind grows a queue and its achieved rate tends to its capacity. Sustained: no
/// failures, achieved at least 95% of offered, and p99 at most 1 s.
/// </summary>
public sealed record LoadStep(
    string Name,
    double OfferedRate,
    double Seconds,
    int Planned,
    int Succeeded,
    int Failed,
    int Dropped,
    double BacklogGrowthMs,
    double AchievedRate,
    Latency Latency,
    IReadOnlyList<string> Errors)
{
    public const double SustainedShare = 0.95;
    public const double SustainedP99Ms = 1000;

    /// <summary>Who used the CPUs during the step.</summary>
    public CpuShare? Cpu { get; init; }

    /// <summary>CPU time per successful operation, in milliseconds: the host's, PostgreSQL's and this benchmark's (the clients').</summary>
    public CpuCost? CpuPerOperation { get; init; }

    /// <summary>Write-ahead log written per successful operation (the whole cluster's WAL over the step).</summary>
    public double? WalBytesPerOperation { get; init; }

    /// <summary>Database sessions opened during the step (each a new PostgreSQL server process) per 1,000 successful operations.</summary>
    public double? SessionsPerThousand { get; init; }

    /// <summary>Transactions committed in the database per successful operation.</summary>
    public double? CommitsPerOperation { get; init; }

    /// <summary>The host process's largest resident memory seen during the step (sampled every 100 ms).</summary>
    public double? HostPeakRssMiB { get; init; }

    public bool Sustained => Failed == 0 && Dropped == 0 && AchievedRate >= SustainedShare * OfferedRate && Latency.P99 <= SustainedP99Ms;

    public static LoadStep From(string name, double rate, double seconds, OpenLoop.Outcome[] outcomes, IReadOnlyList<string> errors)
    {
        var issued = outcomes.Where(o => !o.Dropped).ToList();
        var tenth = Math.Max(1, issued.Count / 10);
        var growth = Math.Max(0,
            Median(issued.TakeLast(tenth).Select(o => o.LatencyMs)) - Median(issued.Take(tenth).Select(o => o.LatencyMs)));
        var succeeded = issued.Count(o => o.Succeeded);
        return new LoadStep(
            name, rate, seconds, outcomes.Length, succeeded, issued.Count - succeeded, outcomes.Length - issued.Count,
            growth, succeeded / (seconds + growth / 1000), Latency.Of(issued.Select(o => o.LatencyMs)), errors);
    }

    private static double Median(IEnumerable<double> values) => Percentiles.Of([.. values.Order()], 50) is var m && double.IsNaN(m) ? 0 : m;
}

public sealed record CpuCost(double HostMs, double PostgresMs, double BenchmarkMs);

/// <summary>An answer the workload did not expect: a harness or product failure, with what the host said.</summary>
public sealed class UnexpectedAnswerException(string message) : Exception(message);
