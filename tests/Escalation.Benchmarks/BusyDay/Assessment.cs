using System.Globalization;

namespace Escalation.Benchmarks.BusyDay;

/// <summary>A product figure set against the raw baseline's.</summary>
public sealed record Ratio(string Figure, double Product, double Baseline, string Unit)
{
    public double Value => Product / Baseline;
}

/// <summary>A target the product is measured against; <see cref="Met"/> is null when the figure was not measured.</summary>
public sealed record Goal(string What, string Target, string Measured, bool? Met, string Note);

/// <summary>What a report's figures say: their ratios to the raw baseline, the goals met or missed, what was not measured.</summary>
public static class Assessment
{
    public static IReadOnlyList<Ratio> Ratios(BusyDayReport r)
    {
        var raw = r.Baseline.MaxRate;
        var ratios = new List<Ratio>();
        if (r.OpenSearch is { Best: not null } open)
            ratios.Add(new Ratio("sustained max: tickets opened vs rows inserted", open.SustainedMax, raw, "/s"));
        if (r.OpenAtHalf is { } half)
            ratios.Add(new Ratio("p99 at half the max: open vs insert", half.Latency.P99, r.Baseline.P99AtHalf, "ms"));
        if (r.Mix is { } mix)
        {
            ratios.Add(new Ratio("mix: requests/s vs the raw max", mix.RequestsPerSecond, raw, "/s"));
            ratios.Add(new Ratio("mix: events appended/s vs the raw max", mix.EventsPerSecond, raw, "/s"));
            ratios.Add(new Ratio("mix: full lifecycles/s vs the raw max", mix.Cases.AchievedRate, raw, "/s"));
        }
        if (r.CaseSearch is { Best: not null } cases)
            ratios.Add(new Ratio("sustained max: full lifecycles vs rows inserted", cases.SustainedMax, raw, "/s"));
        return ratios;
    }

    public static IReadOnlyList<Goal> Goals(BusyDayReport r)
    {
        var quick = r.Settings.Quick ? "quick mode: rates capped, not a measurement" : "";
        var raw = r.Baseline.MaxRate;
        var open = r.OpenSearch?.SustainedMax ?? double.NaN;
        var p99 = r.OpenAtHalf?.Latency.P99 ?? double.NaN;
        var peak = r.OpenSearch?.Best?.HostPeakRssMiB ?? double.NaN;
        static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
        static bool? Met(double v, Func<double, bool> test) => double.IsNaN(v) ? null : test(v);
        return
        [
            new Goal("opening tickets against raw inserts", "≥ 0.5 of the raw insert rate", $"{F(open / raw, "F2")} ({F(open, "N0")} vs {F(raw, "N0")}/s)",
                Met(open / raw, v => v >= 0.5), quick),
            new Goal("opening tickets on 2 cores", "≥ 1,000/s", $"{F(open, "N0")}/s on {r.Machine.Cores} cores", Met(open, v => v >= 1000), quick),
            new Goal("p99 opening latency at half the max rate", "< 20 ms", $"{F(p99, "F1")} ms", Met(p99, v => v < 20), quick),
            r.Rebuild is { } rebuild
                ? new Goal("rebuild against a raw sequential scan of the events", "≥ 30%",
                    $"{F(100 * rebuild.ShareOfScan, "F0")}% ({F(rebuild.AllRate, "N0")} vs {F(rebuild.Scan.EventsPerSecond, "N0")} events/s over {F(rebuild.Events, "N0")} events)",
                    rebuild.ShareOfScan >= 0.3, "")
                : new Goal("rebuild against a raw sequential scan of the events", "≥ 30%", "not measured", null, "full mode only"),
            new Goal("host memory at the sustained max", "< 500 MiB", $"{F(peak, "F0")} MiB (peak RSS in the highest sustained step; VmHWM over the whole search " +
                $"{F(r.Host?.AfterOpenSearch?.PeakMiB ?? double.NaN, "F0")} MiB)", Met(peak, v => v < 500), quick),
        ];
    }

    public static IReadOnlyList<string> NotMeasured(BusyDayReport r) =>
    [
        .. r.Host is null ? ["the product's figures: the host did not start"] : Array.Empty<string>(),
        .. r.Rebuild is null ? ["rebuild rate of all projections against a raw sequential scan of the events table: full mode only (--rebuild-events)"] : Array.Empty<string>(),
    ];
}
