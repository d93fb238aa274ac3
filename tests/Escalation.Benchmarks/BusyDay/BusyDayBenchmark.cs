using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Escalation.Host.Auth;
using Escalation.Host.Reference;
using Microsoft.Extensions.Configuration;

namespace Escalation.Benchmarks.BusyDay;

/// <summary>
/// A county's busiest day against the real host, side by side with raw PostgreSQL in the same run: the raw baseline,
/// the host started as its own process (cold start, memory), the sustained maximum rate of opening tickets, latency at
/// half of it, the day's mix of whole cases, the raw baseline again, and the timer figures. Prints a Markdown report,
/// writes it to a file and the same figures as JSON beside it. Exit code 1 only when the harness or the product broke:
/// an exception, a host that does not start, a request that failed or was answered with an error, timers that never
/// fire or projections that never catch up within a generous bound, a hash chain reported broken, a report that cannot
/// be written. A rate not sustained or a high latency (a loaded machine) is a figure in the report, never a failure.
/// </summary>
public sealed class BusyDayBenchmark
{
    private const int StatementsShown = 25;

    /// <summary>Far longer than the async projections need to catch up after the mix, even on a loaded machine: past it they are stuck.</summary>
    private static readonly TimeSpan ProjectionCatchUpLimit = TimeSpan.FromSeconds(120);

    private readonly BusyDayOptions _options;
    private readonly BenchCluster _cluster;
    private readonly CpuMeter _cpu;
    private readonly List<string> _failures = [];
    private HostUnderTest? _host;
    private int _lastCase;

    private BusyDayBenchmark(BusyDayOptions options, BenchCluster cluster)
    {
        _options = options;
        _cluster = cluster;
        _cpu = new CpuMeter(() => _host is { HasExited: false } h ? h.Pid : null, cluster.PostmasterPid);
    }

    public static async Task<int> RunAsync(BusyDayOptions options)
    {
        var wall = Stopwatch.StartNew();
        var started = DateTimeOffset.Now;
        var loadAtStart = LoadAverage();
        Console.WriteLine($"Busy day ({(options.Quick ? "quick" : "full")}) on {Environment.ProcessorCount} cores; load average {loadAtStart}");

        BusyDayReport report;
        CpuShare wholeRun;
        try
        {
            await using var cluster = await BenchCluster.StartAsync(options.Statements, options.Profile);
            var benchmark = new BusyDayBenchmark(options, cluster);
            var whole = benchmark._cpu.Take();
            try
            {
                report = await benchmark.MeasureAsync();
            }
            finally
            {
                if (benchmark._host is { } host)
                    await host.DisposeAsync();
                benchmark._host = null;
            }
            wholeRun = CpuMeter.Between(whole, benchmark._cpu.Take());
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"The busy-day benchmark broke: {e}");
            return 1;
        }

        report = report with
        {
            StartedAt = started,
            WallSeconds = Math.Round(wall.Elapsed.TotalSeconds, 1),
            Machine = report.Machine with
            {
                LoadAverageAtStart = loadAtStart,
                LoadAverageAtEnd = LoadAverage(),
                WholeRun = wholeRun,
            },
        };
        var markdown = report.ToMarkdown();
        Console.WriteLine();
        Console.WriteLine(markdown);
        var json = Path.GetFullPath(options.JsonPath);
        var md = Path.ChangeExtension(json, ".md");
        try
        {
            await File.WriteAllTextAsync(json, report.ToJson());
            await File.WriteAllTextAsync(md, markdown);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            Console.Error.WriteLine($"The busy-day benchmark could not write its report to {json} and {md}: {e.Message}");
            return 1;
        }
        Console.WriteLine($"Report: {md} (Markdown), {json} (JSON)");
        Console.WriteLine(report.Failures.Count == 0
            ? $"Verdict: the harness and the product worked ({report.WallSeconds:F0} s); rates and latencies above are figures, not checks."
            : $"Verdict: BROKEN, {report.Failures.Count} failure(s): {report.Failures[0].Split('\n')[0]}");
        return report.Failures.Count == 0 ? 0 : 1;
    }

    private async Task<BusyDayReport> MeasureAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new(SigningKey.Setting, Convert.ToHexString(RandomNumberGenerator.GetBytes(32)))])
            .Build();
        var reference = ReferenceDataLoader.Load(configuration);
        var issuer = new TokenIssuer(SigningKey.Resolve(configuration));
        var workload = new Workload(reference, _options.Mix, _options.Seed);

        await using var raw = await RawInsert.CreateAsync(_cluster.ConnectionString, _options.Connections);
        var before = await MeasureRawAsync(raw, "before");
        var report = new BusyDayReport
        {
            Command = _options.Command,
            Mode = _options.Quick ? "quick" : "full",
            StartedAt = default,
            WallSeconds = 0,
            Machine = new Machine(
                Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription,
                _cluster.Version.Split(" on ")[0], _cluster.Settings, "", "", BenchmarkVersion(), null),
            Settings = _options,
            Baseline = new Baseline(raw.PayloadBytes, null, before, null),
        };

        var logPath = Path.Combine(_cluster.Folder, "host.log");
        var coldStart = Stopwatch.StartNew();
        var connectionString = _cluster.ConnectionStringWith(_options.ConnectionOptions);
        _host = HostUnderTest.Start(_options.HostPath, connectionString, configuration[SigningKey.Setting]!, logPath, _options.HostEnvironment);
        using var api = new CountyApi(_host.Address, reference, issuer, _options.Connections);
        var (toReady, toFirstTicket) = await ColdStartAsync(api, workload, coldStart);
        if (double.IsNaN(toFirstTicket))
            return report with { Failures = _failures };
        var host = new HostFigures(toReady, toFirstTicket, null, null);

        await WarmUpAsync(api, workload);

        var open = await SearchAsync("open", rate => Measured(() => OpenLoop.RunAsync("open", rate, _options.StepSeconds, OpenTicket)));
        host = host with { AfterOpenSearch = _host.ReadMemory() };
        report = report with { Host = host, OpenSearch = open };

        var half = HalfOf(open, "opening tickets");
        await _cluster.ResetStatementsAsync();
        var openAtHalf = await Measured(() => OpenLoop.RunAsync("open at half", half, _options.LatencySeconds, OpenTicket));
        var openStatements = await _cluster.TopStatementsAsync(StatementsShown);
        Expect(openAtHalf);
        Console.WriteLine($"  open at half ({half:F0}/s): p50 {openAtHalf.Latency.P50:F1} ms, p99 {openAtHalf.Latency.P99:F1} ms");

        var lag = ProjectionLag.Start(_cluster);
        var mix = await MixAsync(api, workload, half);
        await using (lag)
            mix = mix with { ProjectionLag = await lag.FinishAsync(ProjectionCatchUpLimit) };
        if (mix.ProjectionLag?.CaughtUpAfterMs is null)
            _failures.Add($"the async projections had not caught up {ProjectionCatchUpLimit.TotalSeconds:F0} s after the mix ended");
        report = report with { OpenAtHalf = openAtHalf, OpenAtHalfStatements = openStatements, Mix = mix };

        if (_options.LifecycleSearch)
        {
            var caseSearch = await SearchAsync("cases", rate => Measured(() => OpenLoop.RunAsync("cases", rate, _options.StepSeconds * 2,
                async (_, planned) =>
                {
                    await Workload.RunAsync(api, workload.Draw(NextCase()), planned);
                    return true;
                })), firstRate: Math.Max(1, 2 * half / mix.MeanRequestsPerCase / 4), stepSeconds: _options.StepSeconds * 2);
            report = report with { CaseSearch = caseSearch };
        }

        report = report with { Audit = await AuditAsync(api, workload) };

        report = report with { Host = host with { AtEnd = _host.ReadMemory() } };
        _cpu.Take();
        await _host.DisposeAsync();
        _host = null;

        var after = await MeasureRawAsync(raw, "after");
        var stored = await _cluster.ScalarAsync(
            "select avg(octet_length(data::text))::int from escalation.mt_events where type = 'ticket_reported'") as int?;
        report = report with { Baseline = report.Baseline with { After = after, StoredTicketReportedBytes = stored } };

        if (!_options.SkipTimers)
        {
            Console.WriteLine($"timers: {_options.Timers}");
            await _cluster.CreateDatabaseAsync(BenchCluster.TimersDatabase);
            try
            {
                var timers = await TimerBenchmark.MeasureAsync(_options.Timers, _cluster.ConnectionStringFor(BenchCluster.TimersDatabase));
                if (!timers.AllBurstFired || timers.SpreadFired + timers.SpreadFiredDuringBurst == 0)
                {
                    _failures.Add($"timers: {timers.BurstFired} of {timers.Options.Burst} burst timers fired within {timers.Options.GiveUpSeconds} s " +
                        $"of their due time, and {timers.SpreadFired + timers.SpreadFiredDuringBurst} of {timers.Options.Pending} spread timers by then");
                }
                report = report with { Timers = timers };
            }
            catch (Exception e)
            {
                _failures.Add($"timers: {e.GetType().Name}: {e.Message}");
            }
        }

        if (!_options.Quick && _options.RebuildEvents > 0)
        {
            Console.WriteLine($"rebuild: appending {_options.RebuildEvents:N0} simulated events, then rebuilding every projection");
            await _cluster.CreateDatabaseAsync(BenchCluster.RebuildDatabase);
            try
            {
                CpuMeter.Snapshot? start = null;
                CpuShare? cpu = null;
                var rebuild = await RebuildBenchmark.MeasureAsync(
                    new RebuildBenchmark.Options(_options.RebuildEvents), _cluster.ConnectionStringFor(BenchCluster.RebuildDatabase),
                    starting =>
                    {
                        if (starting)
                            start = _cpu.Take();
                        else if (start is { } s)
                            cpu = CpuMeter.Between(s, _cpu.Take());
                    });
                Console.WriteLine($"  {rebuild.Events:N0} events: rebuilt at {rebuild.AllRate:N0}/s, scanned raw at {rebuild.Scan.EventsPerSecond:N0}/s");
                report = report with { Rebuild = rebuild, RebuildCpu = cpu };
            }
            catch (Exception e)
            {
                _failures.Add($"rebuild: {e.GetType().Name}: {e.Message}");
            }
        }

        return report with { Failures = _failures };

        async Task<bool> OpenTicket(int _, long planned)
        {
            var c = workload.Draw(NextCase());
            await api.OpenAsync(c.Operator, Workload.Ticket(c.Number, c.VillageCode, c.CategoryCode), planned);
            return true;
        }
    }

    /// <summary>
    /// An auditor's reads of a case of 100 events, at a modest open-loop rate on the otherwise idle host: its history,
    /// its state replayed at a random version and the sustained rate of hash-chain checks.
    /// </summary>
    private async Task<AuditFigures?> AuditAsync(CountyApi api, Workload workload)
    {
        const int events = 100;
        const string auditor = "aud-01";
        var rate = _options.Quick ? 20 : 50;
        Guid id;
        try
        {
            id = await Audit.BuildCaseAsync(api, workload, NextCase(), events);
        }
        catch (Exception e) when (e is UnexpectedAnswerException or HttpRequestException or TaskCanceledException)
        {
            _failures.Add($"the audited case could not be built: {e.Message}");
            return null;
        }

        // The first calls of each route generate and compile its code.
        for (var i = 0; i < 5; i++)
        {
            await api.GetAsync(auditor, $"/api/tickets/{id}/history", "history");
            await api.GetAsync(auditor, $"/api/tickets/{id}/state?version={i + 1}", "replay");
            await api.GetAsync(auditor, $"/api/tickets/{id}/verify", "verify");
        }

        var history = await Measured(() => OpenLoop.RunAsync("history", rate, _options.LatencySeconds, async (_, _) =>
            (await api.GetAsync(auditor, $"/api/tickets/{id}/history", "history")).GetArrayLength() == events));
        Expect(history);
        Console.WriteLine($"  history of a {events}-event case at {rate}/s: p50 {history.Latency.P50:F1} ms, p99 {history.Latency.P99:F1} ms");

        var replay = await Measured(() => OpenLoop.RunAsync("replay", rate, _options.LatencySeconds, async (i, _) =>
        {
            var version = Random.Shared.Next(1, events + 1);
            return (await api.GetAsync(auditor, $"/api/tickets/{id}/state?version={version}", "replay")).GetProperty("version").GetInt64() == version;
        }));
        Expect(replay);
        Console.WriteLine($"  as-of replay at {rate}/s: p50 {replay.Latency.P50:F1} ms, p99 {replay.Latency.P99:F1} ms");

        var verify = await SearchAsync("verify", r => Measured(() => OpenLoop.RunAsync("verify", r, _options.StepSeconds, async (_, _) =>
        {
            var answer = await api.GetAsync(auditor, $"/api/tickets/{id}/verify", "verify");
            return answer.GetProperty("valid").GetBoolean()
                ? true
                : throw new UnexpectedAnswerException($"the verification of an untouched case reported a broken chain: {answer}");
        })));
        return new AuditFigures(events, history, replay, verify);
    }

    /// <summary>The raw baseline's sustained maximum, then its latency at half of it.</summary>
    private async Task<RawFigures> MeasureRawAsync(RawInsert raw, string when)
    {
        Console.WriteLine($"raw baseline {when} ({raw.PayloadBytes}-byte rows):");
        var search = await SearchAsync("raw", rate => Measured(() => OpenLoop.RunAsync("raw", rate, _options.StepSeconds, (_, _) => raw.InsertAsync())));
        var half = await Measured(() => OpenLoop.RunAsync("raw at half", HalfOf(search, $"raw inserts ({when})"), _options.LatencySeconds, (_, _) => raw.InsertAsync()));
        Expect(half);
        Console.WriteLine($"  raw at half ({half.OfferedRate:F0}/s): p50 {half.Latency.P50:F1} ms, p99 {half.Latency.P99:F1} ms");
        return new RawFigures(search, half);
    }

    private async Task<(double ToReady, double ToFirstTicket)> ColdStartAsync(CountyApi api, Workload workload, Stopwatch clock)
    {
        using var probe = new HttpClient { BaseAddress = _host!.Address, Timeout = TimeSpan.FromSeconds(5) };
        var giveUp = TimeSpan.FromSeconds(180);
        var toReady = double.NaN;
        while (clock.Elapsed < giveUp && !_host.HasExited)
        {
            try
            {
                using var ready = await probe.GetAsync("/health/ready");
                if (ready.IsSuccessStatusCode)
                {
                    toReady = clock.Elapsed.TotalMilliseconds;
                    break;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(20);
        }
        if (double.IsNaN(toReady))
        {
            _failures.Add((_host.HasExited ? "the host exited before it was ready" : $"the host was not ready after {giveUp.TotalSeconds:F0} s") +
                $". Its log:\n{_host.LogTail()}");
            return (toReady, double.NaN);
        }

        var first = workload.Draw(NextCase());
        try
        {
            await api.OpenAsync(first.Operator, Workload.Ticket(first.Number, first.VillageCode, first.CategoryCode));
        }
        catch (Exception e) when (e is UnexpectedAnswerException or HttpRequestException or TaskCanceledException)
        {
            _failures.Add($"the first ticket could not be opened: {e.Message}. The host's log:\n{_host.LogTail()}");
            return (toReady, double.NaN);
        }
        var toFirstTicket = clock.Elapsed.TotalMilliseconds;
        Console.WriteLine($"host pid {_host.Pid} at {_host.Address}: ready after {toReady:F0} ms, first ticket opened after {toFirstTicket:F0} ms");
        return (toReady, toFirstTicket);
    }

    /// <summary>
    /// One case of every kind, one after another (every endpoint's code is generated and compiled on its first call),
    /// then a short stretch of the mix at a low rate (the JIT's tiers).
    /// </summary>
    private async Task WarmUpAsync(CountyApi api, Workload workload)
    {
        var clock = Stopwatch.StartNew();
        var covered = new HashSet<string>();
        for (var tries = 0; tries < 1000 && covered.Count < 6; tries++)
        {
            var c = workload.Draw(NextCase());
            string[] kinds = [c.SolvedAt.ToString(), .. c.Returned ? ["returned"] : Array.Empty<string>(),
                .. c.Reopened ? ["reopened"] : Array.Empty<string>(), .. c.Duplicate ? ["duplicate"] : Array.Empty<string>()];
            if (kinds.All(covered.Contains))
                continue;
            covered.UnionWith(kinds);
            try
            {
                await Workload.RunAsync(api, c, Stopwatch.GetTimestamp());
            }
            catch (Exception e) when (e is UnexpectedAnswerException or HttpRequestException or TaskCanceledException)
            {
                _failures.Add($"warm-up case ({string.Join(", ", kinds)}): {e.Message}");
            }
        }
        var stretch = await OpenLoop.RunAsync("warm-up", _options.Quick ? 5 : 10, _options.Quick ? 1 : 10, async (i, planned) =>
        {
            await Workload.RunAsync(api, workload.Draw(NextCase()), planned);
            return true;
        });
        Expect(stretch);
        Console.WriteLine($"warm-up: {covered.Count} kinds of case, then {stretch.Succeeded} cases in {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>The day's mix at a request rate of <paramref name="requestRate"/>, its calls' latencies by command.</summary>
    private async Task<MixFigures> MixAsync(CountyApi api, Workload workload, double requestRate)
    {
        var meanRequests = workload.MeanRequests();
        var caseRate = requestRate / meanRequests;
        var recorder = new CommandLatencies();
        var eventsBefore = await EventCountAsync();
        await _cluster.ResetStatementsAsync();
        api.Recorder = recorder;
        var cases = await Measured(() => OpenLoop.RunAsync("mix", caseRate, _options.MixSeconds, async (_, planned) =>
        {
            await Workload.RunAsync(api, workload.Draw(NextCase()), planned);
            return true;
        }));
        api.Recorder = null;
        var statements = await _cluster.TopStatementsAsync(StatementsShown);
        var events = await EventCountAsync() - eventsBefore;
        Expect(cases);
        var seconds = _options.MixSeconds + cases.BacklogGrowthMs / 1000;
        Console.WriteLine($"  mix at {caseRate:F1} cases/s: {cases.AchievedRate:F1} lifecycles/s, {recorder.Count} requests, {events} events");
        var commands = recorder.Summary();
        return new MixFigures(
            _options.Mix, Math.Round(meanRequests, 2), Math.Round(requestRate), cases, recorder.Count / seconds, events, events / seconds,
            commands, commands.GetValueOrDefault("open") ?? Latency.Of([]), recorder.LifecycleCommands(), statements);
    }

    /// <summary>Case numbers are never reused: each is a new citizen's call.</summary>
    private int NextCase() => Interlocked.Increment(ref _lastCase);

    private async Task<RateSearch> SearchAsync(string name, Func<double, Task<LoadStep>> step, double? firstRate = null, double? stepSeconds = null)
    {
        var startRate = firstRate ?? _options.StartRate;
        return await RateSearch.RunAsync(
            step,
            startRate, _options.StepFactor, _options.MaxRate, refine: !_options.Quick,
            TimeSpan.FromSeconds(Math.Min(1, _options.StepSeconds / 2)),
            s =>
            {
                Console.WriteLine(
                    $"  {name} {s.OfferedRate,8:F1}/s for {stepSeconds ?? _options.StepSeconds} s: achieved {s.AchievedRate,8:F1}/s, " +
                    $"failed {s.Failed + s.Dropped}, p50 {s.Latency.P50,7:F1} ms, p99 {s.Latency.P99,7:F1} ms, " +
                    $"CPU host {s.Cpu?.Host:F2} pg {s.Cpu?.Postgres:F2} bench {s.Cpu?.Benchmark:F2} others {s.Cpu?.Others:F2}, " +
                    $"CPU ms/op host {s.CpuPerOperation?.HostMs:F2} pg {s.CpuPerOperation?.PostgresMs:F2} bench {s.CpuPerOperation?.BenchmarkMs:F2}, " +
                    $"WAL {s.WalBytesPerOperation:F0} B, commits {s.CommitsPerOperation:F2}, new sessions {s.SessionsPerThousand:F1} per 1,000" +
                    (s.Sustained ? "" : "  (not sustained)"));
                foreach (var error in s.Errors.Take(3))
                    Console.WriteLine($"    {error}");
                // Overload ends a full search with timeouts, refused connections or 5xx; anything else is a break, and so is
                // any error at the quick mode's small rates or at a search's first, lowest rate.
                var unexpected = s.Errors.Where(e => _options.Quick || s.OfferedRate <= startRate * 1.001 || !IsOverload(e)).ToList();
                if (unexpected.Count > 0)
                    _failures.Add($"{name} at {s.OfferedRate:F0}/s: {unexpected[0]}");
            });
    }

    private static bool IsOverload(string error) =>
        error.Contains(" answered 5", StringComparison.Ordinal) || error.StartsWith(nameof(TaskCanceledException), StringComparison.Ordinal) ||
        error.StartsWith(nameof(HttpRequestException), StringComparison.Ordinal);

    /// <summary>
    /// The rate the phases after a search run at: half its sustained maximum, or, when no step was sustained (a loaded
    /// machine), half of what its first step achieved, so that every phase still runs and the report says why.
    /// </summary>
    private double HalfOf(RateSearch search, string what)
    {
        if (search.Best is not null)
            return search.SustainedMax / 2;
        var first = search.Steps[0];
        var fallback = Math.Max(1, first.AchievedRate / 2);
        Console.WriteLine($"  no offered rate of {what} was sustained: the next phase runs at {fallback:F0}/s, half the {first.AchievedRate:F0}/s its first step achieved");
        return fallback;
    }

    /// <summary>Runs a step while measuring CPU shares, WAL written and the host's resident memory.</summary>
    private async Task<LoadStep> Measured(Func<Task<LoadStep>> run)
    {
        var cpu = _cpu.Take();
        var wal = await _cluster.WalPositionAsync();
        var (sessions, commits) = await _cluster.DatabaseCountersAsync();
        var peakRss = double.NaN;
        using var stop = new CancellationTokenSource();
        var sampling = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            do
            {
                if (_host is { HasExited: false } h && h.ReadMemory().ResidentMiB is var rss && !double.IsNaN(rss))
                    peakRss = double.IsNaN(peakRss) ? rss : Math.Max(peakRss, rss);
            }
            while (await Continue(timer, stop.Token));
        });
        var step = await run();
        var share = CpuMeter.Between(cpu, _cpu.Take());
        await stop.CancelAsync();
        await sampling;
        var walBytes = await _cluster.WalPositionAsync() - wal;
        var (sessionsAfter, commitsAfter) = await _cluster.DatabaseCountersAsync();
        var succeeded = Math.Max(1, step.Succeeded);
        return step with
        {
            Cpu = share,
            CpuPerOperation = new CpuCost(
                Math.Round(share.Host * share.Seconds * 1000 / succeeded, 3), Math.Round(share.Postgres * share.Seconds * 1000 / succeeded, 3),
                Math.Round(share.Benchmark * share.Seconds * 1000 / succeeded, 3)),
            WalBytesPerOperation = Math.Round((double)walBytes / succeeded),
            SessionsPerThousand = Math.Round(1000.0 * (sessionsAfter - sessions) / succeeded, 1),
            CommitsPerOperation = Math.Round((double)(commitsAfter - commits) / succeeded, 2),
            HostPeakRssMiB = double.IsNaN(peakRss) ? null : peakRss,
        };

        static async Task<bool> Continue(PeriodicTimer timer, CancellationToken ct)
        {
            try
            {
                return await timer.WaitForNextTickAsync(ct);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    private async Task<long> EventCountAsync() =>
        Convert.ToInt64(await _cluster.ScalarAsync("select count(*) from escalation.mt_events"), CultureInfo.InvariantCulture);

    /// <summary>A phase that must not fail at all (it runs at half the sustained maximum or below).</summary>
    private void Expect(LoadStep step)
    {
        if (step.Failed + step.Dropped > 0)
            _failures.Add($"{step.Name}: {step.Failed} failed and {step.Dropped} dropped of {step.Planned}; first error: {step.Errors.FirstOrDefault()}");
        if (step.Succeeded == 0)
            _failures.Add($"{step.Name}: nothing succeeded");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string BenchmarkVersion() =>
        "Escalation " + (typeof(TokenIssuer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");
}
