using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Escalation.Domain.Timers;
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
    public sealed record Options(int Pending, int SpreadSeconds, int WindowSeconds, int Burst)
    {
        public static Options Parse(string[] args)
        {
            int Get(string name, int fallback)
            {
                var i = Array.IndexOf(args, name);
                return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
            }
            return new Options(Get("--pending", 100_000), Get("--spread", 600), Get("--window", 120), Get("--burst", 10_000));
        }
    }

    public static async Task<int> RunAsync(Options options)
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

        await using var host = await BenchmarkHost.StartAsync();
        using var scope = host.Services.CreateScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        Console.WriteLine($"# Timer benchmark ({Environment.ProcessorCount} cores)");

        var start = DateTimeOffset.UtcNow.AddSeconds(10);
        var scheduling = Stopwatch.StartNew();
        await ScheduleAsync(bus, Light.Yellow,
            Enumerable.Range(0, options.Pending).Select(i => start + TimeSpan.FromSeconds(options.SpreadSeconds * (double)i / options.Pending)));
        Console.WriteLine($"scheduled {options.Pending:N0} timers due over {options.SpreadSeconds} s in {scheduling.Elapsed.TotalSeconds:F1} s");

        var windowEnd = start.AddSeconds(options.WindowSeconds);
        await Task.Delay(windowEnd - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(2));
        var spread = fired.Where(f => !f.Burst).Select(f => f.LatenessMs).Order().ToList();
        var pendingStill = options.Pending - spread.Count;
        Console.WriteLine($"| lateness with {options.Pending:N0} timers scheduled ({pendingStill:N0} still pending at the end) | fired {spread.Count:N0} | p50 {Percentiles.Of(spread, 50):F0} ms | p99 {Percentiles.Of(spread, 99):F0} ms | max {spread.LastOrDefault():F0} ms |");

        var burstDue = DateTimeOffset.UtcNow.AddSeconds(15);
        await ScheduleAsync(bus, Light.Red, Enumerable.Repeat(burstDue, options.Burst));
        var spreadBefore = fired.Count(f => !f.Burst);
        var giveUp = burstDue.AddMinutes(10);
        while (DateTimeOffset.UtcNow < giveUp && fired.Count(f => f.Burst) < options.Burst)
            await Task.Delay(100);
        var burst = fired.Where(f => f.Burst).OrderBy(f => f.At).ToList();
        var seconds = ((burst.Count > 0 ? burst[^1].At : DateTimeOffset.UtcNow) - burstDue).TotalSeconds;
        var burstLateness = burst.Select(f => f.LatenessMs).Order().ToList();
        Console.WriteLine($"| drain of {options.Burst:N0} timers due in the same second | {burst.Count:N0} fired, the last {seconds:F1} s after due | {burst.Count / seconds:F0} timers/s | p50 {Percentiles.Of(burstLateness, 50):F0} ms | p99 {Percentiles.Of(burstLateness, 99):F0} ms | spread timers fired meanwhile: {fired.Count(f => !f.Burst) - spreadBefore:N0} |");
        return burst.Count == options.Burst ? 0 : 1;
    }

    private static async Task ScheduleAsync(IMessageBus bus, Light light, IEnumerable<DateTimeOffset> dueTimes) =>
        await Parallel.ForEachAsync(dueTimes, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (due, _) =>
            await bus.ScheduleAsync(new TimeLimitDue(Guid.NewGuid(), Clock.Accept, light, "SC", due, due, null), due));

    private sealed record Fired(DateTimeOffset At, double LatenessMs, bool Burst);
}
