using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Escalation.Domain.Timers;
using Escalation.Host.Commands;
using Escalation.Host.Features.Timers;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Escalation.Benchmarks;

/// <summary>
/// Timer lateness (fire time minus due time) with many timers pending, and the drain rate of a burst falling
/// due in the same second: real TimeLimitDue messages through Wolverine's durable scheduling on PostgreSQL.
/// The timers name no ticket, so their handler does its lookup and stops; lateness is read from the handler's
/// own histogram (escalation.timer.lateness). The spread timers are yellow and the burst red, so the two are
/// told apart by the histogram's light tag while both run.
/// </summary>
public static class TimerBenchmark
{
    /// <param name="LeadSeconds">From the end of start-up to the first spread timer's due time.</param>
    /// <param name="BurstLeadSeconds">From the end of the window to the burst's due time (its scheduling must fit in it).</param>
    /// <param name="GiveUpSeconds">How long after its due time the burst may take to fire before the timers count as broken.</param>
    public sealed record Options(
        int Pending, int SpreadSeconds, int WindowSeconds, int Burst, int LeadSeconds = 10, int BurstLeadSeconds = 15, int GiveUpSeconds = 600)
    {
        public const string Usage = "[--pending 100000] [--spread 600] [--window 120] [--burst 10000] [--lead 10] [--burst-lead 15] [--give-up 600]";

        public static Options Full { get; } = new(100_000, 600, 120, 10_000);

        public static Options Parse(Arguments args) => Parse(args, Full);

        public static Options Parse(Arguments args, Options defaults) => new(
            args.Whole("--pending", defaults.Pending), args.Whole("--spread", defaults.SpreadSeconds), args.Whole("--window", defaults.WindowSeconds),
            args.Whole("--burst", defaults.Burst), args.Whole("--lead", defaults.LeadSeconds), args.Whole("--burst-lead", defaults.BurstLeadSeconds),
            args.Whole("--give-up", defaults.GiveUpSeconds));
    }

    /// <summary>What one run measured; lateness in milliseconds.</summary>
    public sealed record Figures(
        Options Options,
        double SchedulingSeconds,
        int SpreadFired,
        Latency SpreadLateness,
        int BurstFired,
        double BurstSeconds,
        double BurstRate,
        Latency BurstLateness,
        int SpreadFiredDuringBurst)
    {
        public int PendingAtEnd => Options.Pending - SpreadFired;
        public bool AllBurstFired => BurstFired == Options.Burst;
    }

    public static async Task<int> RunAsync(Options options)
    {
        Console.WriteLine($"# Timer benchmark ({Environment.ProcessorCount} cores)");
        var f = await MeasureAsync(options);
        Console.WriteLine($"scheduled {options.Pending:N0} timers due over {options.SpreadSeconds} s in {f.SchedulingSeconds:F1} s");
        Console.WriteLine($"| lateness with {options.Pending:N0} timers scheduled ({f.PendingAtEnd:N0} still pending at the end) | fired {f.SpreadFired:N0} | p50 {f.SpreadLateness.P50:F0} ms | p99 {f.SpreadLateness.P99:F0} ms | max {f.SpreadLateness.Max:F0} ms |");
        Console.WriteLine($"| drain of {options.Burst:N0} timers due in the same second | {f.BurstFired:N0} fired, the last {f.BurstSeconds:F1} s after due | {f.BurstRate:F0} timers/s | p50 {f.BurstLateness.P50:F0} ms | p99 {f.BurstLateness.P99:F0} ms | spread timers fired meanwhile: {f.SpreadFiredDuringBurst:N0} |");
        return f.AllBurstFired ? 0 : 1;
    }

    /// <summary>Runs the timers on a host of their own: on a new durable cluster, or on the database given.</summary>
    public static async Task<Figures> MeasureAsync(Options options, string? connectionString = null)
    {
        var fired = new ConcurrentQueue<Fired>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == TimeLimitDueHandler.MeterName && instrument.Name == "escalation.timer.lateness")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var light = tags.ToArray().FirstOrDefault(t => t.Key == "light").Value as string;
            fired.Enqueue(new Fired(DateTimeOffset.UtcNow, value, light == nameof(Light.Red)));
        });
        listener.Start();

        await using var host = connectionString is null ? await BenchmarkHost.StartAsync() : BenchmarkHost.StartOn(connectionString);
        using var scope = host.Services.CreateScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();

        var start = DateTimeOffset.UtcNow.AddSeconds(options.LeadSeconds);
        var scheduling = Stopwatch.StartNew();
        await ScheduleAsync(bus, Light.Yellow,
            Enumerable.Range(0, options.Pending).Select(i => start + TimeSpan.FromSeconds(options.SpreadSeconds * (double)i / options.Pending)));
        var schedulingSeconds = scheduling.Elapsed.TotalSeconds;

        var windowEnd = start.AddSeconds(options.WindowSeconds);
        var untilWindowEnd = windowEnd - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(2);
        if (untilWindowEnd > TimeSpan.Zero)
            await Task.Delay(untilWindowEnd);
        var spread = fired.Where(f => !f.Burst).Select(f => f.LatenessMs).ToList();

        var burstDue = DateTimeOffset.UtcNow.AddSeconds(options.BurstLeadSeconds);
        await ScheduleAsync(bus, Light.Red, Enumerable.Repeat(burstDue, options.Burst));
        var spreadBefore = fired.Count(f => !f.Burst);
        var giveUp = burstDue.AddSeconds(options.GiveUpSeconds);
        while (DateTimeOffset.UtcNow < giveUp && fired.Count(f => f.Burst) < options.Burst)
            await Task.Delay(100);
        var burst = fired.Where(f => f.Burst).OrderBy(f => f.At).ToList();
        var seconds = ((burst.Count > 0 ? burst[^1].At : DateTimeOffset.UtcNow) - burstDue).TotalSeconds;
        return new Figures(
            options, schedulingSeconds, spread.Count, Latency.Of(spread),
            burst.Count, seconds, burst.Count / seconds, Latency.Of([.. burst.Select(f => f.LatenessMs)]),
            fired.Count(f => !f.Burst) - spreadBefore);
    }

    private static async Task ScheduleAsync(IMessageBus bus, Light light, IEnumerable<DateTimeOffset> dueTimes) =>
        await Parallel.ForEachAsync(dueTimes, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (due, _) =>
            await bus.ScheduleAsync(new TimeLimitDue(Guid.NewGuid(), Clock.Accept, light, "SC", due, due, null), due));

    private sealed record Fired(DateTimeOffset At, double LatenessMs, bool Burst);
}
