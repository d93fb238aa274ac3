namespace Escalation.Benchmarks;

public static class Percentiles
{
    /// <summary>The nearest-rank percentile of the values (0 &lt; p ≤ 100).</summary>
    public static double Of(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
