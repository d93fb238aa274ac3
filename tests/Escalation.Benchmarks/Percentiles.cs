namespace Escalation.Benchmarks;

public static class Percentiles
{
    /// <summary>The nearest-rank percentile of the values (0 &lt; p ≤ 100).</summary>
    public static double Of(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

/// <summary>A distribution of durations in milliseconds: its size and nearest-rank percentiles.</summary>
public sealed record Latency(int Count, double P50, double P95, double P99, double Max)
{
    public static Latency Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToList();
        return new Latency(
            sorted.Count, Percentiles.Of(sorted, 50), Percentiles.Of(sorted, 95), Percentiles.Of(sorted, 99),
            sorted.Count == 0 ? double.NaN : sorted[^1]);
    }
}
