namespace Escalation.Benchmarks.BusyDay;

/// <summary>
/// The sustained maximum: the offered rate goes up by a factor each step until a step is not sustained (or the cap
/// is reached); with <c>refine</c>, one more step halfway (geometrically) between the last sustained and the first
/// failed rate. The highest sustained step is the result. Steps are a pause apart, for the queues of the last to drain.
/// </summary>
public sealed record RateSearch(IReadOnlyList<LoadStep> Steps, LoadStep? Best, bool Capped)
{
    /// <summary>The achieved rate of the highest sustained step; NaN when none was sustained.</summary>
    public double SustainedMax => Best?.AchievedRate ?? double.NaN;

    public static async Task<RateSearch> RunAsync(
        Func<double, Task<LoadStep>> step, double startRate, double factor, double maxRate, bool refine, TimeSpan pause, Action<LoadStep> progress)
    {
        var steps = new List<LoadStep>();
        LoadStep? best = null;
        var rate = startRate;
        while (true)
        {
            var result = await step(rate);
            steps.Add(result);
            progress(result);
            if (!result.Sustained)
                break;
            best = result;
            if (maxRate > 0 && rate * factor > maxRate)
                return new RateSearch(steps, best, Capped: true);
            rate *= factor;
            await Task.Delay(pause);
        }

        if (refine && best is not null)
        {
            await Task.Delay(pause);
            var between = await step(Math.Sqrt(best.OfferedRate * rate));
            steps.Add(between);
            progress(between);
            if (between.Sustained)
                best = between;
        }
        return new RateSearch(steps, best, Capped: false);
    }
}
