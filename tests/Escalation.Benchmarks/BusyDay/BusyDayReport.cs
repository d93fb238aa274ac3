using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Escalation.Benchmarks.BusyDay;

public sealed record Machine(
    int Cores, string Os, string Runtime, string Postgres, string PostgresSettings, string LoadAverageAtStart, string LoadAverageAtEnd,
    string Benchmark, CpuShare? WholeRun);

/// <summary>The raw baseline at one moment: its sustained maximum and its latency at half of it.</summary>
public sealed record RawFigures(RateSearch Search, LoadStep? AtHalf)
{
    public double SustainedMax => Search.SustainedMax;
}

public sealed record Baseline(int PayloadBytes, int? StoredTicketReportedBytes, RawFigures Before, RawFigures? After)
{
    /// <summary>The mean of the sustained maxima before and after the product ran.</summary>
    public double MaxRate => After is null ? Before.SustainedMax : (Before.SustainedMax + After.SustainedMax) / 2;

    public double P99AtHalf => After?.AtHalf is null ? Before.AtHalf?.Latency.P99 ?? double.NaN
        : ((Before.AtHalf?.Latency.P99 ?? double.NaN) + After.AtHalf.Latency.P99) / 2;
}

/// <summary>Memory after the search for the maximum (its last step overloads the host) and at the end of the product's run.</summary>
public sealed record HostFigures(double ColdStartToReadyMs, double ColdStartToFirstTicketMs, Memory? AfterOpenSearch, Memory? AtEnd);

public sealed record MixFigures(
    WorkloadMix Mix,
    double MeanRequestsPerCase,
    double RequestRate,
    LoadStep Cases,
    double RequestsPerSecond,
    long Events,
    double EventsPerSecond,
    IReadOnlyDictionary<string, Latency> Commands,
    Latency Opening,
    Latency LifecycleCommands,
    IReadOnlyList<StatementTime> TopStatements)
{
    /// <summary>How far the async projections trailed the events during the mix (when the host has any).</summary>
    public LagFigures? ProjectionLag { get; init; }
}

public sealed record Ratio(string Figure, double Product, double Baseline, string Unit)
{
    public double Value => Product / Baseline;
}

public sealed record Goal(string What, string Target, string Measured, bool? Met, string Note);

public sealed record BusyDayReport
{
    public required string Command { get; init; }
    public required string Mode { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required double WallSeconds { get; init; }
    public required Machine Machine { get; init; }
    public required BusyDayOptions Settings { get; init; }
    public required Baseline Baseline { get; init; }
    public HostFigures? Host { get; init; }
    public RateSearch? OpenSearch { get; init; }
    public LoadStep? OpenAtHalf { get; init; }
    public IReadOnlyList<StatementTime> OpenAtHalfStatements { get; init; } = [];
    public MixFigures? Mix { get; init; }
    public RateSearch? CaseSearch { get; init; }
    public TimerBenchmark.Figures? Timers { get; init; }
    public ReadModelFeatures? Features { get; init; }
    public AuditFigures? Audit { get; init; }
    public RebuildBenchmark.Figures? Rebuild { get; init; }

    /// <summary>CPU during the rebuilds (the host runs in the benchmark's process there).</summary>
    public CpuShare? RebuildCpu { get; init; }
    public required IReadOnlyList<string> NotMeasured { get; init; }
    public IReadOnlyList<Ratio> Ratios { get; init; } = [];
    public IReadOnlyList<Goal> Goals { get; init; } = [];
    public IReadOnlyList<string> Failures { get; init; } = [];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        string N(double v, string format = "N0") => double.IsNaN(v) ? "–" : v.ToString(format, CultureInfo.InvariantCulture);
        string Ms(double v) => double.IsNaN(v) ? "–" : v < 10 ? N(v, "F1") : N(v);
        string L(Latency l) => $"{Ms(l.P50)} | {Ms(l.P95)} | {Ms(l.P99)} | {Ms(l.Max)}";
        string Cpu(CpuShare? c) => c is null ? "" :
            $"host {N(c.Host, "F2")}, postgres {N(c.Postgres, "F2")}, benchmark {N(c.Benchmark, "F2")}, others {N(c.Others, "F2")}, idle {N(c.Idle, "F2")}" +
            (c.Steal > 0.005 ? $", steal {N(c.Steal, "F2")}" : "");

        Line($"# Busy day ({Mode}): {Machine.Cores} cores, {StartedAt:yyyy-MM-dd HH:mm} UTC{StartedAt:zzz}");
        Line();
        Line($"Command: `{Command}`  ");
        Line($"{Machine.Benchmark}; {Machine.Runtime}; {Machine.Os}  ");
        Line($"{Machine.Postgres}; {Machine.PostgresSettings}  ");
        Line($"Load average (1, 5, 15 min) at start {Machine.LoadAverageAtStart}, at end {Machine.LoadAverageAtEnd}; whole run {N(WallSeconds, "F0")} s, " +
            $"CPU in cores: {Cpu(Machine.WholeRun)}  ");
        Line($"Concurrency: {Settings.Connections} HTTP connections to the host, a raw pool of {Settings.Connections}; open loop, steps of " +
            $"{N(Settings.StepSeconds, "0.#")} s from {N(Settings.StartRate)}/s ×{N(Settings.StepFactor, "0.##")}" +
            (Settings.MaxRate > 0 ? $" up to {N(Settings.MaxRate)}/s" : "") + "; sustained = no failures, achieved ≥ 95% of offered, p99 ≤ 1 s.");
        if (Settings.ConnectionOptions.Length > 0 || Settings.HostEnvironment.Count > 0)
        {
            Line($"**An experiment, not the host as shipped:** connection string + `{Settings.ConnectionOptions}`; " +
                $"host environment {string.Join(", ", Settings.HostEnvironment.Select(e => $"`{e}`"))}.");
        }
        if (Failures.Count > 0)
        {
            Line();
            Line("**The harness failed:**");
            foreach (var failure in Failures)
                Line($"- {failure}");
        }

        Line();
        Line("## Goals");
        Line();
        Line("| goal | target | measured | met |");
        Line("| --- | --- | --- | --- |");
        foreach (var g in Goals)
            Line($"| {g.What} | {g.Target} | {g.Measured}{(g.Note.Length > 0 ? $" ({g.Note})" : "")} | {(g.Met is { } met ? met ? "yes" : "**no**" : "–")} |");

        Line();
        Line("## Product against the raw baseline");
        Line();
        Line($"Baseline: single-row INSERT + COMMIT over raw Npgsql of a {Baseline.PayloadBytes}-byte jsonb row (uuid, jsonb, timestamptz)" +
            (Baseline.StoredTicketReportedBytes is { } stored ? $"; the host stored TicketReported events of {stored} bytes on average" : "") + ".");
        Line();
        Line("| figure | product | raw baseline | ratio |");
        Line("| --- | --- | --- | --- |");
        foreach (var r in Ratios)
            Line($"| {r.Figure} | {N(r.Product, r.Product < 100 ? "F1" : "N0")} {r.Unit} | {N(r.Baseline, r.Baseline < 100 ? "F1" : "N0")} {r.Unit} | {N(r.Value, "F2")} |");

        Line();
        Line("| baseline | sustained max | p50 / p95 / p99 / max at half (ms) | WAL per insert |");
        Line("| --- | --- | --- | --- |");
        foreach (var (name, raw) in new[] { ("before", Baseline.Before), ("after", Baseline.After) })
        {
            if (raw is null)
                continue;
            Line($"| {name} | {N(raw.SustainedMax)}/s{(raw.Search.Capped ? " (capped)" : "")} | " +
                $"{(raw.AtHalf is { } h ? L(h.Latency).Replace(" | ", " / ", StringComparison.Ordinal) : "–")} | {N(raw.Search.Best?.WalBytesPerOperation ?? double.NaN)} B |");
        }
        foreach (var (name, raw) in new[] { ("before", Baseline.Before), ("after", Baseline.After) })
        {
            if (raw is null)
                continue;
            Line();
            Line($"Raw inserts, {name} the product ran:");
            Line();
            Steps(raw.Search, "inserts");
        }

        if (Host is { } host)
        {
            Line();
            Line("## Host");
            Line();
            Line($"Cold start (process start to answer): /health/ready {N(host.ColdStartToReadyMs)} ms, first ticket opened (201) {N(host.ColdStartToFirstTicketMs)} ms.  ");
            Line($"Memory (VmHWM, the peak resident set): {N(host.AfterOpenSearch?.PeakMiB ?? double.NaN, "F0")} MiB after the search for the maximum " +
                $"(which ends with an overloaded step), {N(host.AtEnd?.PeakMiB ?? double.NaN, "F0")} MiB at the end; resident at the end {N(host.AtEnd?.ResidentMiB ?? double.NaN, "F0")} MiB.");
        }

        if (OpenSearch is { } open)
        {
            Line();
            Line("## Opening tickets: the sustained maximum");
            Line();
            Steps(open, "tickets");
            Line();
            Line($"Sustained maximum: **{N(open.SustainedMax)} tickets/s**{(open.Capped ? " (the quick mode's cap, not the host's limit)" : "")}" +
                (open.Best is null ? "; no step was sustained (look at the load average and the others' CPU), so the phases below ran at half of what the first step achieved." : "."));
        }
        if (OpenAtHalf is { } half)
        {
            Line();
            Line($"At half of it ({N(half.OfferedRate)}/s for {N(half.Seconds, "0.#")} s): {N(half.Succeeded)} opened, {half.Failed} failed; " +
                $"latency p50 {Ms(half.Latency.P50)} ms, p95 {Ms(half.Latency.P95)} ms, p99 {Ms(half.Latency.P99)} ms, max {Ms(half.Latency.Max)} ms; " +
                $"WAL {N(half.WalBytesPerOperation ?? double.NaN)} B per ticket; CPU {Cpu(half.Cpu)}.");
            Statements("PostgreSQL while opening tickets at half the maximum", OpenAtHalfStatements, half.Succeeded, "ticket");
        }

        if (Mix is { } mix)
        {
            Line();
            Line("## The busy day's mix");
            Line();
            Line($"Mix: {mix.Mix}; {N(mix.MeanRequestsPerCase, "F1")} API calls per case on average. Cases start at " +
                $"{N(mix.Cases.OfferedRate, "F1")}/s (≈ {N(mix.RequestRate)} requests/s, half the maximum opening rate) for {N(mix.Cases.Seconds, "0.#")} s; " +
                $"each case's calls follow one another.");
            Line();
            Line($"**{N(mix.Cases.AchievedRate, "F1")} full lifecycles/s** ({N(mix.Cases.Succeeded)} cases completed, {mix.Cases.Failed} failed, " +
                $"whole case p50 {Ms(mix.Cases.Latency.P50)} ms, p99 {Ms(mix.Cases.Latency.P99)} ms); {N(mix.RequestsPerSecond)} requests/s; " +
                $"{N(mix.Events)} events appended, {N(mix.EventsPerSecond)} events/s; CPU {Cpu(mix.Cases.Cpu)}.");
            Line();
            Line("| command | calls | p50 ms | p95 ms | p99 ms | max ms |");
            Line("| --- | --- | --- | --- | --- | --- |");
            foreach (var (command, latency) in mix.Commands)
                Line($"| {command} | {N(latency.Count)} | {L(latency)} |");
            Line($"| all lifecycle commands | {N(mix.LifecycleCommands.Count)} | {L(mix.LifecycleCommands)} |");
            Statements("PostgreSQL during the mix", mix.TopStatements, mix.Cases.Succeeded, "case");
        }

        if (Mix?.ProjectionLag is { } lag)
        {
            Line();
            Line($"Async projections behind the newest event during the mix ({lag.Samples} samples, every 200 ms); all caught up " +
                (lag.CaughtUpAfterMs is { } caught ? $"{N(caught)} ms after the load ended:" : "**not** within 120 s of the load's end:"));
            Line();
            Line("| shard | p50 events behind | p95 | p99 | max |");
            Line("| --- | --- | --- | --- | --- |");
            foreach (var (shard, behind) in lag.EventsBehind)
                Line($"| {shard} | {N(behind.P50)} | {N(behind.P95)} | {N(behind.P99)} | {N(behind.Max)} |");
        }

        if (Audit is { } audit)
        {
            Line();
            Line($"## Auditors: a case of {audit.Events} events");
            Line();
            Line("| read | rate | p50 ms | p95 ms | p99 ms | max ms |");
            Line("| --- | --- | --- | --- | --- | --- |");
            foreach (var step in new[] { audit.History, audit.Replay })
            {
                if (step is not null)
                    Line($"| {(step == audit.History ? "history" : "as-of replay (state at a random version)")} | {N(step.OfferedRate)}/s for {N(step.Seconds, "0.#")} s | {L(step.Latency)} |");
            }
            if (audit.Verify is { } verify)
            {
                Line();
                Steps(verify, "verifications");
                Line();
                Line($"Hash-chain verification: **{N(verify.SustainedMax)} verifications/s** sustained, {N(audit.EventsVerifiedPerSecond)} events/s.");
            }
        }

        if (CaseSearch is { } cases)
        {
            Line();
            Line("## Whole cases: the sustained maximum");
            Line();
            Steps(cases, "cases");
            Line();
            Line($"Sustained maximum: **{N(cases.SustainedMax, "F1")} full lifecycles/s** " +
                $"(≈ {N(cases.SustainedMax * (Mix?.MeanRequestsPerCase ?? double.NaN))} requests/s).");
        }

        Line();
        Line("## Timers");
        Line();
        if (Timers is { } t)
        {
            Line($"{N(t.Options.Pending)} timers scheduled over {t.Options.SpreadSeconds} s in {N(t.SchedulingSeconds, "F1")} s (16 concurrent callers), in-process host on a database of the same cluster.");
            Line();
            Line("| figure | measured |");
            Line("| --- | --- |");
            Line($"| lateness over a {t.Options.WindowSeconds}-s window ({N(t.SpreadFired)} fired, {N(t.PendingAtEnd)} still pending) | " +
                $"p50 {Ms(t.SpreadLateness.P50)} ms, p99 {Ms(t.SpreadLateness.P99)} ms, max {Ms(t.SpreadLateness.Max)} ms |");
            Line($"| drain of {N(t.Options.Burst)} timers due in the same second | {N(t.BurstFired)} fired, the last {N(t.BurstSeconds, "F1")} s after due: " +
                $"{N(t.BurstRate)}/s (lateness p50 {Ms(t.BurstLateness.P50)} ms, p99 {Ms(t.BurstLateness.P99)} ms) |");
        }
        else
        {
            Line("Not run (--no-timers).");
        }

        if (Rebuild is { } rebuild)
        {
            Line();
            Line("## Rebuilding the read models");
            Line();
            Line($"{N(rebuild.Events)} simulated events appended (months of cases, each month's events in the order they happened; hash chain, " +
                $"inline view, fsync on) at {N(rebuild.AppendRate)} events/s, then every projection rebuilt through the host's daemon, in-process, " +
                "on a database of the same cluster.");
            Line();
            Line("| | seconds | events/s | host CPU (cores) |");
            Line("| --- | --- | --- | --- |");
            foreach (var p in rebuild.Projections)
                Line($"| rebuild {p.Name} ({p.Lifecycle.ToLowerInvariant()}) | {N(p.Seconds, "F1")} | {N(p.EventsPerSecond)} | {N(p.HostCores, "F2")} |");
            Line($"| **rebuild all, one after the other** | {N(rebuild.AllSeconds, "F1")} | **{N(rebuild.AllRate)}** | |");
            Line($"| raw sequential scan of mt_events (every column, {N(rebuild.Scan.MegabytesRead)} MB of text) | {N(rebuild.Scan.Seconds, "F1")} | {N(rebuild.Scan.EventsPerSecond)} | |");
            Line();
            Line($"Rebuild / scan: **{N(100 * rebuild.ShareOfScan, "F0")}%**." +
                (RebuildCpu is { } c ? $" CPU during the rebuilds (cores): host, in the benchmark's process, {N(c.Benchmark, "F2")}; " +
                    $"postgres {N(c.Postgres, "F2")}; others {N(c.Others, "F2")}; idle {N(c.Idle, "F2")}." : ""));
        }

        Line();
        Line("## Not measured");
        Line();
        if (NotMeasured.Count == 0)
            Line("Nothing: every figure above was measured in this run.");
        foreach (var item in NotMeasured)
            Line($"- {item}");
        return md.ToString();

        void Statements(string title, IReadOnlyList<StatementTime> statements, double operations, string operation)
        {
            if (statements.Count == 0)
                return;
            var planned = Settings.Profile;
            Line();
            Line($"{title} (pg_stat_statements{(planned ? ", nested statements and planning included" : ", top-level statements")}, by server time; " +
                $"execution time includes waits for locks and I/O; per {operation}: over {N(operations)} of them):");
            Line();
            Line(planned ? $"| statement | calls | calls per {operation} | exec ms | mean ms | exec µs per {operation} | plan ms |"
                : $"| statement | calls | calls per {operation} | exec ms | mean ms | exec µs per {operation} |");
            Line(planned ? "| --- | --- | --- | --- | --- | --- | --- |" : "| --- | --- | --- | --- | --- | --- |");
            foreach (var s in statements)
            {
                Line($"| `{s.Query.Replace("|", "\\|", StringComparison.Ordinal)}`{(s.TopLevel ? "" : " (nested)")} | {N(s.Calls)} | {N(s.Calls / operations, "F2")} | " +
                    $"{N(s.TotalMs)} | {N(s.MeanMs, "F3")} | {N(1000 * s.TotalMs / operations, "F0")} |{(planned ? $" {N(s.PlanMs)} |" : "")}");
            }
        }

        void Steps(RateSearch search, string what)
        {
            Line($"| offered {what}/s | achieved/s | failed | p50 ms | p95 ms | p99 ms | max ms | host RSS MiB | CPU (cores) | sustained |");
            Line("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            foreach (var s in search.Steps)
            {
                Line($"| {N(s.OfferedRate, s.OfferedRate < 100 ? "F1" : "N0")} | {N(s.AchievedRate, s.AchievedRate < 100 ? "F1" : "N0")} | " +
                    $"{s.Failed + s.Dropped} | {L(s.Latency)} | {N(s.HostPeakRssMiB ?? double.NaN)} | {Cpu(s.Cpu)} | {(s.Sustained ? "yes" : "no")} |");
            }
        }
    }
}
