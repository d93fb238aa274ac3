using System.Globalization;
using System.Text;

namespace Escalation.Benchmarks.BusyDay;

/// <summary>The busy-day report for people: one method per section, in the order the report reads (goals first).</summary>
public sealed class BusyDayMarkdown
{
    private readonly StringBuilder _md = new();
    private readonly BusyDayReport _r;

    private BusyDayMarkdown(BusyDayReport report) => _r = report;

    public static string Write(BusyDayReport report)
    {
        var writer = new BusyDayMarkdown(report);
        writer.Header();
        writer.Goals();
        writer.Baseline();
        writer.Host();
        writer.Opening();
        writer.Mix();
        writer.ProjectionLag();
        writer.Audit();
        writer.Cases();
        writer.Timers();
        writer.Rebuild();
        writer.NotMeasured();
        return writer._md.ToString();
    }

    private void Header()
    {
        var (machine, settings) = (_r.Machine, _r.Settings);
        Line($"# Busy day ({_r.Mode}): {machine.Cores} cores, {_r.StartedAt:yyyy-MM-dd HH:mm} UTC{_r.StartedAt:zzz}");
        Line();
        Line($"Command: `{_r.Command}`  ");
        Line($"{machine.Benchmark}; {machine.Runtime}; {machine.Os}  ");
        Line($"{machine.Postgres}; {machine.PostgresSettings}  ");
        Line($"Load average (1, 5, 15 min) at start {machine.LoadAverageAtStart}, at end {machine.LoadAverageAtEnd}; whole run {N(_r.WallSeconds, "F0")} s, " +
            $"CPU in cores: {Cpu(machine.WholeRun)}  ");
        Line($"Concurrency: {settings.Connections} HTTP connections to the host, a raw pool of {settings.Connections}; open loop, steps of " +
            $"{N(settings.StepSeconds, "0.#")} s from {N(settings.StartRate)}/s ×{N(settings.StepFactor, "0.##")}" +
            (settings.MaxRate > 0 ? $" up to {N(settings.MaxRate)}/s" : "") + "; sustained = no failures, achieved ≥ 95% of offered, p99 ≤ 1 s.");
        if (settings.ConnectionOptions.Length > 0 || settings.HostEnvironment.Count > 0)
        {
            Line($"**An experiment, not the host as shipped:** connection string + `{settings.ConnectionOptions}`; " +
                $"host environment {string.Join(", ", settings.HostEnvironment.Select(e => $"`{e}`"))}.");
        }
        if (_r.Failures.Count > 0)
        {
            Line();
            Line("**The harness failed:**");
            foreach (var failure in _r.Failures)
                Line($"- {failure}");
        }
    }

    private void Goals()
    {
        Section("Goals");
        Table("goal", "target", "measured", "met");
        foreach (var g in _r.Goals)
            Row(g.What, g.Target, g.Measured + (g.Note.Length > 0 ? $" ({g.Note})" : ""), g.Met is { } met ? met ? "yes" : "**no**" : "–");
    }

    private void Baseline()
    {
        var baseline = _r.Baseline;
        Section("Product against the raw baseline");
        Line($"Baseline: single-row INSERT + COMMIT over raw Npgsql of a {baseline.PayloadBytes}-byte jsonb row (uuid, jsonb, timestamptz)" +
            (baseline.StoredTicketReportedBytes is { } stored ? $"; the host stored TicketReported events of {stored} bytes on average" : "") + ".");
        Line();
        Table("figure", "product", "raw baseline", "ratio");
        foreach (var r in _r.Ratios)
            Row(r.Figure, $"{Rate(r.Product)} {r.Unit}", $"{Rate(r.Baseline)} {r.Unit}", N(r.Value, "F2"));

        (string When, RawFigures Figures)[] runs = [("before", baseline.Before), .. baseline.After is { } after ? [("after", after)] : Array.Empty<(string, RawFigures)>()];
        Line();
        Table("baseline", "sustained max", "p50 / p95 / p99 / max at half (ms)", "WAL per insert");
        foreach (var (when, raw) in runs)
        {
            Row(when, $"{N(raw.SustainedMax)}/s{(raw.Search.Capped ? " (capped)" : "")}",
                raw.AtHalf is { } h ? L(h.Latency).Replace(" | ", " / ", StringComparison.Ordinal) : "–",
                $"{N(raw.Search.Best?.WalBytesPerOperation ?? double.NaN)} B");
        }
        foreach (var (when, raw) in runs)
        {
            Line();
            Line($"Raw inserts, {when} the product ran:");
            Line();
            Steps(raw.Search, "inserts");
        }
    }

    private void Host()
    {
        if (_r.Host is not { } host)
            return;
        Section("Host");
        Line($"Cold start (process start to answer): /health/ready {N(host.ColdStartToReadyMs)} ms, first ticket opened (201) {N(host.ColdStartToFirstTicketMs)} ms.  ");
        Line($"Memory (VmHWM, the peak resident set): {N(host.AfterOpenSearch?.PeakMiB ?? double.NaN, "F0")} MiB after the search for the maximum " +
            $"(which ends with an overloaded step), {N(host.AtEnd?.PeakMiB ?? double.NaN, "F0")} MiB at the end; resident at the end {N(host.AtEnd?.ResidentMiB ?? double.NaN, "F0")} MiB.");
    }

    private void Opening()
    {
        if (_r.OpenSearch is { } open)
        {
            Section("Opening tickets: the sustained maximum");
            Steps(open, "tickets");
            Line();
            Line($"Sustained maximum: **{N(open.SustainedMax)} tickets/s**{(open.Capped ? " (the quick mode's cap, not the host's limit)" : "")}" +
                (open.Best is null ? "; no step was sustained (look at the load average and the others' CPU), so the phases below ran at half of what the first step achieved." : "."));
        }
        if (_r.OpenAtHalf is { } half)
        {
            Line();
            Line($"At half of it ({N(half.OfferedRate)}/s for {N(half.Seconds, "0.#")} s): {N(half.Succeeded)} opened, {half.Failed} failed; " +
                $"latency p50 {Ms(half.Latency.P50)} ms, p95 {Ms(half.Latency.P95)} ms, p99 {Ms(half.Latency.P99)} ms, max {Ms(half.Latency.Max)} ms; " +
                $"WAL {N(half.WalBytesPerOperation ?? double.NaN)} B per ticket; CPU {Cpu(half.Cpu)}.");
            Statements("PostgreSQL while opening tickets at half the maximum", _r.OpenAtHalfStatements, half.Succeeded, "ticket");
        }
    }

    private void Mix()
    {
        if (_r.Mix is not { } mix)
            return;
        Section("The busy day's mix");
        Line($"Mix: {mix.Mix}; {N(mix.MeanRequestsPerCase, "F1")} API calls per case on average. Cases start at " +
            $"{N(mix.Cases.OfferedRate, "F1")}/s (≈ {N(mix.RequestRate)} requests/s, half the maximum opening rate) for {N(mix.Cases.Seconds, "0.#")} s; " +
            $"each case's calls follow one another.");
        Line();
        Line($"**{N(mix.Cases.AchievedRate, "F1")} full lifecycles/s** ({N(mix.Cases.Succeeded)} cases completed, {mix.Cases.Failed} failed, " +
            $"whole case p50 {Ms(mix.Cases.Latency.P50)} ms, p99 {Ms(mix.Cases.Latency.P99)} ms); {N(mix.RequestsPerSecond)} requests/s; " +
            $"{N(mix.Events)} events appended, {N(mix.EventsPerSecond)} events/s; CPU {Cpu(mix.Cases.Cpu)}.");
        Line();
        Table("command", "calls", "p50 ms", "p95 ms", "p99 ms", "max ms");
        foreach (var (command, latency) in mix.Commands)
            Row(command, N(latency.Count), L(latency));
        Row("all lifecycle commands", N(mix.LifecycleCommands.Count), L(mix.LifecycleCommands));
        Statements("PostgreSQL during the mix", mix.TopStatements, mix.Cases.Succeeded, "case");
    }

    private void ProjectionLag()
    {
        if (_r.Mix?.ProjectionLag is not { } lag)
            return;
        Line();
        Line($"Async projections behind the newest event during the mix ({lag.Samples} samples, every 200 ms); all caught up " +
            (lag.CaughtUpAfterMs is { } caught ? $"{N(caught)} ms after the load ended:" : "**not** within 120 s of the load's end:"));
        Line();
        Table("shard", "p50 events behind", "p95", "p99", "max");
        foreach (var (shard, behind) in lag.EventsBehind)
            Row(shard, N(behind.P50), N(behind.P95), N(behind.P99), N(behind.Max));
    }

    private void Audit()
    {
        if (_r.Audit is not { } audit)
            return;
        Section($"Auditors: a case of {audit.Events} events");
        Table("read", "rate", "p50 ms", "p95 ms", "p99 ms", "max ms");
        foreach (var (read, step) in new[] { ("history", audit.History), ("as-of replay (state at a random version)", audit.Replay) })
            Row(read, $"{N(step.OfferedRate)}/s for {N(step.Seconds, "0.#")} s", L(step.Latency));
        Line();
        Steps(audit.Verify, "verifications");
        Line();
        Line($"Hash-chain verification: **{N(audit.Verify.SustainedMax)} verifications/s** sustained, {N(audit.EventsVerifiedPerSecond)} events/s.");
    }

    private void Cases()
    {
        if (_r.CaseSearch is not { } cases)
            return;
        Section("Whole cases: the sustained maximum");
        Steps(cases, "cases");
        Line();
        Line($"Sustained maximum: **{N(cases.SustainedMax, "F1")} full lifecycles/s** " +
            $"(≈ {N(cases.SustainedMax * (_r.Mix?.MeanRequestsPerCase ?? double.NaN))} requests/s).");
    }

    private void Timers()
    {
        Section("Timers");
        if (_r.Timers is not { } t)
        {
            Line("Not run (--no-timers).");
            return;
        }
        Line($"{N(t.Options.Pending)} timers scheduled over {t.Options.SpreadSeconds} s in {N(t.SchedulingSeconds, "F1")} s (16 concurrent callers), in-process host on a database of the same cluster.");
        Line();
        Table("figure", "measured");
        Row($"lateness over a {t.Options.WindowSeconds}-s window ({N(t.SpreadFired)} fired, {N(t.PendingAtEnd)} still pending)",
            $"p50 {Ms(t.SpreadLateness.P50)} ms, p99 {Ms(t.SpreadLateness.P99)} ms, max {Ms(t.SpreadLateness.Max)} ms");
        Row($"drain of {N(t.Options.Burst)} timers due in the same second",
            $"{N(t.BurstFired)} fired, the last {N(t.BurstSeconds, "F1")} s after due: {N(t.BurstRate)}/s " +
            $"(lateness p50 {Ms(t.BurstLateness.P50)} ms, p99 {Ms(t.BurstLateness.P99)} ms)");
    }

    private void Rebuild()
    {
        if (_r.Rebuild is not { } rebuild)
            return;
        Section("Rebuilding the read models");
        Line($"{N(rebuild.Events)} simulated events appended (months of cases, each month's events in the order they happened; hash chain, " +
            $"inline view, fsync on) at {N(rebuild.AppendRate)} events/s, then every projection rebuilt through the host's daemon, in-process, " +
            "on a database of the same cluster.");
        Line();
        Table("", "seconds", "events/s", "host CPU (cores)");
        foreach (var p in rebuild.Projections)
            Row($"rebuild {p.Name} ({p.Lifecycle.ToLowerInvariant()})", N(p.Seconds, "F1"), N(p.EventsPerSecond), N(p.HostCores, "F2"));
        Row("**rebuild all, one after the other**", N(rebuild.AllSeconds, "F1"), $"**{N(rebuild.AllRate)}**", "");
        Row($"raw sequential scan of mt_events (every column, {N(rebuild.Scan.MegabytesRead)} MB of text)", N(rebuild.Scan.Seconds, "F1"), N(rebuild.Scan.EventsPerSecond), "");
        Line();
        Line($"Rebuild / scan: **{N(100 * rebuild.ShareOfScan, "F0")}%**." +
            (_r.RebuildCpu is { } c ? $" CPU during the rebuilds (cores): host, in the benchmark's process, {N(c.Benchmark, "F2")}; " +
                $"postgres {N(c.Postgres, "F2")}; others {N(c.Others, "F2")}; idle {N(c.Idle, "F2")}." : ""));
    }

    private void NotMeasured()
    {
        Section("Not measured");
        if (_r.NotMeasured.Count == 0)
            Line("Nothing: every figure above was measured in this run.");
        foreach (var item in _r.NotMeasured)
            Line($"- {item}");
    }

    /// <summary>The statements that took the most server time in a phase, with their calls and time per operation.</summary>
    private void Statements(string title, IReadOnlyList<StatementTime> statements, double operations, string operation)
    {
        if (statements.Count == 0)
            return;
        var planned = _r.Settings.Profile;
        Line();
        Line($"{title} (pg_stat_statements{(planned ? ", nested statements and planning included" : ", top-level statements")}, by server time; " +
            $"execution time includes waits for locks and I/O; per {operation}: over {N(operations)} of them):");
        Line();
        string[] columns = ["statement", "calls", $"calls per {operation}", "exec ms", "mean ms", $"exec µs per {operation}"];
        Table(planned ? [.. columns, "plan ms"] : columns);
        foreach (var s in statements)
        {
            string[] cells =
            [
                $"`{s.Query.Replace("|", "\\|", StringComparison.Ordinal)}`{(s.TopLevel ? "" : " (nested)")}", N(s.Calls), N(s.Calls / operations, "F2"),
                N(s.TotalMs), N(s.MeanMs, "F3"), N(1000 * s.TotalMs / operations, "F0"),
            ];
            Row(planned ? [.. cells, N(s.PlanMs)] : cells);
        }
    }

    /// <summary>A rate search, step by step.</summary>
    private void Steps(RateSearch search, string what)
    {
        Table($"offered {what}/s", "achieved/s", "failed", "p50 ms", "p95 ms", "p99 ms", "max ms", "host RSS MiB", "CPU (cores)", "sustained");
        foreach (var s in search.Steps)
        {
            Row(Rate(s.OfferedRate), Rate(s.AchievedRate), $"{s.Failed + s.Dropped}", L(s.Latency), N(s.HostPeakRssMiB ?? double.NaN), Cpu(s.Cpu),
                s.Sustained ? "yes" : "no");
        }
    }

    private void Line(string text = "") => _md.Append(text).Append('\n');

    private void Section(string title)
    {
        Line();
        Line($"## {title}");
        Line();
    }

    private void Table(params string[] headers)
    {
        Row(headers);
        Row([.. headers.Select(_ => "---")]);
    }

    private void Row(params string[] cells) => Line($"| {string.Join(" | ", cells)} |");

    private static string N(double v, string format = "N0") => double.IsNaN(v) ? "–" : v.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A rate: one decimal below 100, whole numbers above.</summary>
    private static string Rate(double v) => N(v, v < 100 ? "F1" : "N0");

    private static string Ms(double v) => double.IsNaN(v) ? "–" : v < 10 ? N(v, "F1") : N(v);

    /// <summary>Four cells: p50, p95, p99 and max.</summary>
    private static string L(Latency l) => $"{Ms(l.P50)} | {Ms(l.P95)} | {Ms(l.P99)} | {Ms(l.Max)}";

    private static string Cpu(CpuShare? c) => c is null ? "" :
        $"host {N(c.Host, "F2")}, postgres {N(c.Postgres, "F2")}, benchmark {N(c.Benchmark, "F2")}, others {N(c.Others, "F2")}, idle {N(c.Idle, "F2")}" +
        (c.Steal > 0.005 ? $", steal {N(c.Steal, "F2")}" : "");
}
