using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Escalation.Benchmarks.BusyDay;
using Escalation.Domain.Reference;
using Escalation.Host.Auth;
using Escalation.Host.Reference;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Escalation.Benchmarks.Faults;

/// <summary>
/// The fault run: the real host as its own process on a durable PostgreSQL cluster of its own, the test county's
/// limits of seconds, tickets opened at a steady rate through the HTTP API (each with an idempotency key, every
/// request retried through errors as a real client would), each triaged and half of them accepted at once; meanwhile
/// PostgreSQL is stopped (<c>pg_ctl stop -m immediate</c>) and started again, and the host is killed (SIGKILL) and
/// started again. Then the store is audited (<see cref="FaultAudit"/>) and the recovery measured from the events'
/// own times: how soon after the restarted host was ready the first overdue timer fired, how fast the backlog drained,
/// and how late the red lights came.
/// </summary>
public static class FaultBenchmark
{
    public static async Task<int> RunAsync(FaultOptions options)
    {
        Console.WriteLine($"# Fault run ({(options.Long ? "long" : "quick")}, {Environment.ProcessorCount} cores): " +
            $"{options.Rate:F0} tickets/s for {options.Seconds:F0} s, {options.Kills} {(options.Freeze ? "freeze(s)" : "kill(s) -9")}, {options.PostgresStops} PostgreSQL stop(s) of {options.PostgresDownSeconds:F0} s" +
            (options.Burst > 0 ? $", a burst of {options.Burst} tickets due while the host is down" : "") + (options.LoseTimer ? ", one ticket's timers deleted on purpose" : ""));
        var cluster = await BenchCluster.StartAsync(statements: options.Statements, profile: false);
        try
        {
            return await new FaultRun(options, cluster).RunAsync();
        }
        finally
        {
            if (options.Keep)
                Console.WriteLine($"--keep: the cluster runs on, in {cluster.Folder}: {cluster.ConnectionString}");
            else
                await cluster.DisposeAsync();
        }
    }
}

/// <summary>A kill of the host and its restart, as the client saw them.</summary>
public sealed record Crash(DateTimeOffset KilledAt, DateTimeOffset? ReadyAt);

/// <summary>A stop of PostgreSQL and its start.</summary>
public sealed record PostgresStop(DateTimeOffset StoppedAt, DateTimeOffset StartedAt);

/// <summary>What one crash cost, from the events' times: the timers overdue when the host was ready again and how they drained.</summary>
public sealed record CrashFigures(
    Crash Crash, int Backlog, double? FirstOverdueAfterReadyMs, double? DrainSeconds, double? DrainRate, Latency RedLateness, DateTimeOffset RecoveredAt)
{
    /// <summary>The host's and PostgreSQL's CPU time per timer of the backlog while it drained (the API's load included).</summary>
    public double? CpuMsPerTimer { get; init; }
    public double? HostCpuMsPerTimer { get; init; }

    /// <summary>
    /// The backlog over the time from its first light to its last: the drain once firing has begun, apart from the
    /// time to the first light (<see cref="FirstOverdueAfterReadyMs"/>), which the drain rate counts in.
    /// </summary>
    public double? RateFromFirst { get; init; }
}

internal sealed class FaultRun(FaultOptions options, BenchCluster cluster)
{
    private readonly List<TicketRecord> _tickets = [];
    private readonly List<Crash> _crashes = [];
    private readonly List<PostgresStop> _stops = [];
    private readonly List<string> _failures = [];
    private readonly PostgresControl _postgres = new(cluster);
    private readonly string _logPath = Path.Combine(Path.GetTempPath(), $"escalation-faults-host-{Environment.ProcessId}.log");
    private readonly List<(DateTimeOffset At, CpuMeter.Snapshot Cpu)> _cpu = [];
    private HostUnderTest? _host;

    public async Task<int> RunAsync()
    {
        var signingKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        var countyFile = TestCounty.Write(Path.Combine(cluster.Folder, "county"), options.AcceptSeconds, options.ResolveSeconds);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new(SigningKey.Setting, signingKey), new(ReferenceDataLoader.Setting, countyFile)])
            .Build();
        var reference = ReferenceDataLoader.Load(configuration);
        var cases = new CaseMaker(reference);
        IReadOnlyList<string> environment = [$"Escalation__ReferenceData={countyFile}", .. options.HostEnvironment];
        var port = FreePort();
        var connectionString = cluster.ConnectionStringWith(options.ConnectionOptions);
        HostUnderTest StartHost() => HostUnderTest.Start(options.HostPath, connectionString, signingKey, _logPath, environment, port);

        _host = StartHost();
        using var client = new RetryingClient(new Uri($"http://127.0.0.1:{port}"), reference, new TokenIssuer(SigningKey.Resolve(configuration)),
            TimeSpan.FromSeconds(90));
        if (await client.WaitReadyAsync(TimeSpan.FromSeconds(120), () => _host.HasExited) is null)
            return await FailAsync("the host was not ready 120 s after it started");
        Console.WriteLine($"host pid {_host.Pid} ready on port {port}");

        using var sampling = new CancellationTokenSource();
        var sampler = SampleCpuAsync(new CpuMeter(() => _host is { HasExited: false } host ? host.Pid : null, cluster.PostmasterPid), sampling.Token);
        var start = DateTimeOffset.UtcNow;
        var faults = RunFaultsAsync(start, StartHost, client, cases);
        var load = new List<Task>();
        var total = (int)(options.Rate * options.Seconds);
        for (var i = 0; i < total; i++)
        {
            var wait = start + TimeSpan.FromSeconds(i / options.Rate) - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait);
            load.Add(RunCaseAsync(client, cases, NewTicket(accept: i % 2 == 0)));
        }
        await Task.WhenAll(load);
        await faults;
        var loadEnded = DateTimeOffset.UtcNow;
        Console.WriteLine($"load done after {(loadEnded - start).TotalSeconds:F0} s ({_tickets.Count} tickets, {client.Retries} requests retried); timers run {options.SettleSeconds:F0} s more");
        await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds));
        var dueBefore = DateTimeOffset.UtcNow - TimeSpan.FromSeconds(options.GraceSeconds);
        await WaitForTimersDueAsync(dueBefore);
        await sampling.CancelAsync();
        await sampler;
        await _host.DisposeAsync();

        var statements = await cluster.TopStatementsAsync(12);
        var audit = await FaultAudit.RunAsync(cluster.ConnectionString, _tickets, dueBefore);
        foreach (var statement in statements)
            Console.WriteLine($"  {statement.TotalMs,8:F0} ms {statement.Calls,7} calls {statement.MeanMs,7:F3} ms  {statement.Query}");
        _failures.AddRange(audit.Failures);
        Report(audit, start, dueBefore);
        if (_failures.Count == 0)
        {
            if (options.KeepLog)
                Console.WriteLine($"--keep-log: the host's log is {_logPath}");
            else
                File.Delete(_logPath);
            Console.WriteLine("Verdict: every acknowledged ticket and command is stored once, every timer due fired once, no dead letter.");
            return 0;
        }
        Console.WriteLine($"Verdict: FAILED, {_failures.Count} problem(s); the host's log is {_logPath}. The first ones:");
        foreach (var failure in _failures.Take(10))
            Console.WriteLine($"  - {failure}");
        return 1;
    }

    /// <summary>
    /// A slow machine may still be working through the timers due: the audit waits until none due before
    /// <paramref name="dueBefore"/> is scheduled, and nothing is queued (a timer the watchdog sent has no execution time),
    /// any more (or three minutes pass), so that it counts lost timers, not late ones (lateness is a figure, below).
    /// </summary>
    private async Task WaitForTimersDueAsync(DateTimeOffset dueBefore)
    {
        var giveUp = DateTimeOffset.UtcNow.AddMinutes(3);
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        while (DateTimeOffset.UtcNow < giveUp)
        {
            await using var pending = new NpgsqlCommand(
                "select count(*) from escalation.wolverine_incoming_envelopes " +
                "where status = 'Incoming' or (status = 'Scheduled' and execution_time <= @due)", connection);
            pending.Parameters.AddWithValue("due", dueBefore);
            var count = (long)(await pending.ExecuteScalarAsync())!;
            if (count == 0)
                return;
            Console.WriteLine($"  waiting for {count} timer(s) due before the audit's cut-off");
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    private async Task SampleCpuAsync(CpuMeter meter, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var snapshot = meter.Take();
            lock (_cpu)
                _cpu.Add((DateTimeOffset.UtcNow, snapshot));
            try
            {
                await Task.Delay(250, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The host's and PostgreSQL's CPU time between two moments of one host's life, in milliseconds (null: no samples then).</summary>
    private double? CpuMilliseconds(DateTimeOffset from, DateTimeOffset to, bool hostOnly = false)
    {
        lock (_cpu)
        {
            var first = _cpu.FirstOrDefault(c => c.At >= from);
            var last = _cpu.LastOrDefault(c => c.At <= to.AddMilliseconds(250));
            if (first.At == default || last.At <= first.At)
                return null;
            var share = CpuMeter.Between(first.Cpu, last.Cpu);
            return (share.Host + (hostOnly ? 0 : share.Postgres)) * share.Seconds * 1000;
        }
    }

    private TicketRecord NewTicket(bool accept)
    {
        lock (_tickets)
        {
            var ticket = new TicketRecord(_tickets.Count, Guid.NewGuid().ToString("N"), accept);
            _tickets.Add(ticket);
            return ticket;
        }
    }

    private async Task RunFaultsAsync(DateTimeOffset start, Func<HostUnderTest> startHost, RetryingClient client, CaseMaker cases)
    {
        var faults = options.Faults();
        var firstKill = faults.FirstOrDefault(f => f.Kill);
        Task burst = Task.CompletedTask;
        foreach (var (at, kill) in faults)
        {
            if (kill && options.Burst > 0 && at == firstKill.At)
            {
                // Opened so that their clocks go yellow, then red, while the host is down.
                await DelayUntil(start + TimeSpan.FromSeconds(Math.Max(0, at - options.AcceptSeconds * 0.8 + 1)));
                burst = RunBurstAsync(client, cases);
            }
            await DelayUntil(start + TimeSpan.FromSeconds(at));
            if (kill && options.Freeze)
            {
                var frozenAt = DateTimeOffset.UtcNow;
                await _host!.FreezeAsync(TimeSpan.FromSeconds(options.DownSeconds));
                _crashes.Add(new Crash(frozenAt, DateTimeOffset.UtcNow));
                Console.WriteLine($"  {(frozenAt - start).TotalSeconds,5:F1} s: host frozen (SIGSTOP), let go on after {options.DownSeconds:F1} s");
            }
            else if (kill)
            {
                var killedAt = DateTimeOffset.UtcNow;
                await _host!.KillAsync();
                if (_crashes.Count == 0)
                    await cluster.ResetStatementsAsync();
                if (options.LoseTimer && _crashes.Count == 0)
                    await LoseTimerAsync(start);
                if (options.DownSeconds > 0)
                    await Task.Delay(TimeSpan.FromSeconds(options.DownSeconds));
                _host = startHost();
                var readyAt = await client.WaitReadyAsync(TimeSpan.FromSeconds(120), () => _host.HasExited);
                _crashes.Add(new Crash(killedAt, readyAt));
                Console.WriteLine($"  {(killedAt - start).TotalSeconds,5:F1} s: host killed (-9), ready again after {((readyAt ?? killedAt) - killedAt).TotalSeconds:F1} s");
                if (readyAt is null)
                    _failures.Add($"the host was not ready 120 s after the restart at {killedAt:O}");
            }
            else
            {
                var stoppedAt = DateTimeOffset.UtcNow;
                await _postgres.StopImmediatelyAsync();
                await Task.Delay(TimeSpan.FromSeconds(options.PostgresDownSeconds));
                await _postgres.StartAsync();
                _stops.Add(new PostgresStop(stoppedAt, DateTimeOffset.UtcNow));
                Console.WriteLine($"  {(stoppedAt - start).TotalSeconds,5:F1} s: PostgreSQL stopped (immediate), started again after {(DateTimeOffset.UtcNow - stoppedAt).TotalSeconds:F1} s");
            }
        }
        await burst;
    }

    private async Task RunBurstAsync(RetryingClient client, CaseMaker cases)
    {
        using var gate = new SemaphoreSlim(32);
        await Task.WhenAll(Enumerable.Range(0, options.Burst).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                await RunCaseAsync(client, cases, NewTicket(accept: false));
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    /// <summary>
    /// Opens the ticket, triages it, and accepts it when it is one of those: each request retried through errors; a
    /// 422 to a command that was sent more than once means an earlier attempt was carried out (the domain refuses it twice).
    /// </summary>
    private async Task RunCaseAsync(RetryingClient client, CaseMaker cases, TicketRecord ticket)
    {
        var c = cases.Draw(ticket.Number);
        var open = await client.PostAsync(c.Operator, "/api/tickets", c.Ticket($"故障演练 {ticket.Key}"), ticket.Key);
        if (!open.Answered)
            return;
        if (open.Status != HttpStatusCode.Created)
        {
            Fail($"ticket #{ticket.Number}: POST /api/tickets answered {RetryingClient.Describe(open)}");
            return;
        }
        var id = open.Body.GetProperty("id").GetGuid();
        ticket.Id = id;

        ticket.TriageSent = true;
        var (triaged, triageDone) = await CommandAsync(client, c.TownshipDispatcher, id, "triage", new { categoryCode = c.CategoryCode }, ticket);
        ticket.TriageAcknowledged = triaged;
        if (!triageDone || !ticket.Accept)
            return;
        ticket.AcceptSent = true;
        (ticket.AcceptAcknowledged, _) = await CommandAsync(client, c.VillageDispatcher, id, "accept", new { }, ticket, timersMayWin: true);
    }

    /// <param name="timersMayWin">
    /// The accept clock may run out while the request is retried through an outage: the ticket then climbs to the
    /// township, and the village is refused (404, it no longer sees it; or 422). The audit then finds no acceptance.
    /// </param>
    private async Task<(bool Acknowledged, bool Done)> CommandAsync(
        RetryingClient client, string user, Guid id, string command, object body, TicketRecord ticket, bool timersMayWin = false)
    {
        var sent = 0;
        while (true)
        {
            var answer = await client.PostAsync(user, $"/api/tickets/{id}/{command}", body);
            sent += answer.Attempts;
            switch (answer.Status)
            {
                case HttpStatusCode.OK:
                    return (true, true);
                case HttpStatusCode.Conflict:
                    continue;
                case HttpStatusCode.UnprocessableEntity when sent > 1:
                    return (false, true);
                case 0:
                case HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity when timersMayWin:
                    return (false, false);
                default:
                    Fail($"ticket #{ticket.Number} {id}: {command} answered {RetryingClient.Describe(answer)}");
                    return (false, false);
            }
        }
    }

    /// <summary>
    /// Deletes the scheduled timers of a ticket left to the timers, one of them due before the audit's cut-off, so that
    /// the audit must find it missing. All of them: a lost yellow alone would be covered by its red, which the audit
    /// rightly takes for the yellow too (a late yellow lights red itself, and one after the red lights nothing).
    /// </summary>
    private async Task LoseTimerAsync(DateTimeOffset start)
    {
        var dueBefore = start + TimeSpan.FromSeconds(options.Seconds + options.SettleSeconds - options.GraceSeconds - 5);
        List<TicketRecord> candidates;
        lock (_tickets)
            candidates = [.. _tickets.Where(t => !t.Accept && t.Id is not null).Reverse()];
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        foreach (var ticket in candidates)
        {
            await using var delete = new NpgsqlCommand(
                "with its as (select id, execution_time from escalation.wolverine_incoming_envelopes " +
                "where status = 'Scheduled' and position(convert_to(@ticket, 'UTF8') in body) > 0) " +
                "delete from escalation.wolverine_incoming_envelopes where id in (select id from its) " +
                "and exists (select 1 from its where execution_time > now() + interval '2 seconds' and execution_time < @due)", connection);
            delete.Parameters.AddWithValue("due", dueBefore);
            delete.Parameters.AddWithValue("ticket", ticket.Id!.Value.ToString());
            if (await delete.ExecuteNonQueryAsync() is var deleted and > 0)
            {
                Console.WriteLine($"  deleted the {deleted} scheduled timers of ticket #{ticket.Number} {ticket.Id}: the audit must fail unless the watchdog lights them");
                return;
            }
        }
        Fail("--lose-timer: no scheduled timer of an untouched ticket was found to delete");
    }

    private void Report(FaultAudit audit, DateTimeOffset start, DateTimeOffset dueBefore)
    {
        var lights = audit.Lights.ToList();
        var timers = audit.TimersTakenEffect.ToList();
        var crashes = _crashes.Select(crash => Measure(crash, timers, lights)).Select(c => c.Crash.ReadyAt is { } ready && c.Backlog > 0
            ? c with { CpuMsPerTimer = CpuMilliseconds(ready, c.RecoveredAt) / c.Backlog, HostCpuMsPerTimer = CpuMilliseconds(ready, c.RecoveredAt, hostOnly: true) / c.Backlog }
            : c).ToList();
        var disturbed = crashes.Select(c => (From: c.Crash.KilledAt, To: c.RecoveredAt, Kind: options.Freeze ? "freeze" : "kill"))
            .Concat(_stops.Select(s => (From: s.StoppedAt, To: s.StartedAt.AddSeconds(10), Kind: "PostgreSQL stop"))).ToList();
        var reds = lights.Where(l => l.Light == "Red").ToList();
        // A light due before a fault began but not yet lit when it did (its batch in flight, or waiting for the next
        // poll) is held up by that fault as much as one due during it: a kill loses its batch, a stop of PostgreSQL
        // sends it into the retries' backoff.
        var caught = reds
            .Select(l => (Light: l, Faults: disturbed.Where(d => l.Due < d.From && l.At >= d.From && l.Due <= d.To).ToList()))
            .Where(c => c.Faults.Count > 0)
            .Select(c => (c.Light, c.Faults, LateAtFaultMs: c.Faults.Max(d => (d.From - c.Light.Due).TotalMilliseconds))).ToList();
        var quiet = Latency.Of(reds.Where(l => !disturbed.Any(d => l.At >= d.From && l.Due <= d.To)).Select(l => l.LatenessMs));
        var afterCrash = Latency.Of(reds.Where(l => crashes.Any(c => l.Due >= c.Crash.KilledAt && l.Due <= c.RecoveredAt)).Select(l => l.LatenessMs));
        // How soon after PostgreSQL is back the lights that fell due while it was down come (the retries' step and Wolverine's poll).
        var afterStop = Latency.Of(reds.SelectMany(l => _stops.Where(s => l.Due >= s.StoppedAt && l.Due <= s.StartedAt)
            .Select(s => (l.At - s.StartedAt).TotalMilliseconds)));

        Console.WriteLine();
        Console.WriteLine("| figure | value |");
        Console.WriteLine("| --- | --- |");
        Console.WriteLine($"| tickets acknowledged (201) / found once in the store | {audit.TicketsAcknowledged:N0} / {audit.TicketsFound:N0} (and {audit.TicketsOpenedUnacknowledged:N0} opened whose answer was lost, each once) |");
        Console.WriteLine($"| commands acknowledged (200) / found once | {audit.CommandsAcknowledged:N0} / {audit.CommandsFound:N0} |");
        Console.WriteLine($"| timers due by the audit / fired once | {audit.TimersDue:N0} / {audit.TimersFiredOfDue:N0} (duplicate lights: {audit.DuplicateLights}; {audit.TimersAmbiguous:N0} raced a user's command and are not counted; {audit.YellowsOvertakenByRed:N0} yellows lit no yellow: their red was lit, by them once the deadline had passed or before them) |");
        Console.WriteLine($"| dead letters | {audit.DeadLetters} |");
        Console.WriteLine($"| events in the store | {audit.Events:N0} |");
        Console.WriteLine($"| red lateness away from faults | {Describe(quiet)} |");
        Console.WriteLine($"| red lateness, due from a kill until its backlog drained | {Describe(afterCrash)} |");
        Console.WriteLine($"| red lateness, due before a fault began and not yet lit when it did | {Describe(Latency.Of(caught.Select(c => c.Light.LatenessMs)))}" +
            (caught.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $"; at most {caught.Max(c => c.LateAtFaultMs):F0} ms late when the fault began; ") + Latest() : "") + " |");
        if (_stops.Count > 0)
            Console.WriteLine($"| red lights due while PostgreSQL was down: lit after it was started again | {Describe(afterStop)} |");
        if (crashes.Count > 0)
        {
            Console.WriteLine($"| ready → first overdue timer fired (worst of {crashes.Count}) | {Max(crashes.Select(c => c.FirstOverdueAfterReadyMs)):F0} ms |");
            Console.WriteLine($"| backlog drain rate (the crash with the largest backlog: {crashes.MaxBy(c => c.Backlog)!.Backlog:N0} timers) | {crashes.MaxBy(c => c.Backlog)!.DrainRate:F0} timers/s |");
        }
        Console.WriteLine();
        if (crashes.Count > 0)
        {
            Console.WriteLine("| kill at | kill → ready | overdue at ready | ready → first fired | drain | rate | rate from the first fired | CPU per timer: host + PostgreSQL (host) | red lateness p50 / p99 / max |");
            Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            foreach (var c in crashes)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {(c.Crash.KilledAt - start).TotalSeconds:F1} s | {((c.Crash.ReadyAt ?? c.Crash.KilledAt) - c.Crash.KilledAt).TotalSeconds:F1} s | {c.Backlog:N0} | " +
                    $"{c.FirstOverdueAfterReadyMs:F0} ms | {c.DrainSeconds:F2} s | {c.DrainRate:F0}/s | {(c.RateFromFirst is { } fromFirst ? $"{fromFirst:F0}/s" : "all at once")} | {c.CpuMsPerTimer:F2} ms ({c.HostCpuMsPerTimer:F2}) | {c.RedLateness.P50:F0} / {c.RedLateness.P99:F0} / {c.RedLateness.Max:F0} ms |"));
            }
        }
        Console.WriteLine($"(timers counted as due: due before {(dueBefore - start).TotalSeconds:F0} s)");

        // The latest of the lights the faults caught and the faults that caught it, so that a long tail can be traced.
        string Latest()
        {
            var (light, faults, _) = caught.MaxBy(c => c.Light.LatenessMs);
            var by = string.Join(" and ", faults.Select(f => string.Create(CultureInfo.InvariantCulture, $"the {f.Kind} at {(f.From - start).TotalSeconds:F1} s")));
            return string.Create(CultureInfo.InvariantCulture,
                $"the latest due at {(light.Due - start).TotalSeconds:F1} s, lit at {(light.At - start).TotalSeconds:F1} s, caught by {by}");
        }
    }

    /// <summary>
    /// The crash's backlog: the timers due by the time the host was ready again that took effect after the kill. How
    /// soon after ready the first did, how fast all of them did, and how late the reds due from the kill to the last of
    /// them were.
    /// </summary>
    private static CrashFigures Measure(Crash crash, List<LightRecord> timers, List<LightRecord> lights)
    {
        if (crash.ReadyAt is not { } ready)
            return new CrashFigures(crash, 0, null, null, null, Latency.Of([]), crash.KilledAt);
        var backlog = timers.Where(l => l.At > crash.KilledAt && l.Due <= ready).ToList();
        if (backlog.Count == 0)
            return new CrashFigures(crash, 0, null, null, null, Latency.Of([]), ready);
        var first = backlog.Min(l => l.At);
        var last = backlog.Max(l => l.At);
        var drain = (last - (first < ready ? first : ready)).TotalSeconds;
        var reds = lights.Where(l => l.Light == "Red" && l.Due >= crash.KilledAt && l.Due <= last).Select(l => l.LatenessMs);
        var firing = (last - first).TotalSeconds;
        return new CrashFigures(crash, backlog.Count, (first - ready).TotalMilliseconds, drain, drain > 0 ? backlog.Count / drain : null, Latency.Of(reds), last)
        {
            RateFromFirst = firing > 0 ? backlog.Count / firing : null,
        };
    }

    private static double? Max(IEnumerable<double?> values) => values.Where(v => v is not null).DefaultIfEmpty(null).Max();

    private static string Describe(Latency l) => l.Count == 0
        ? "none"
        : string.Create(CultureInfo.InvariantCulture, $"p50 {l.P50:F0} ms, p99 {l.P99:F0} ms, max {l.Max:F0} ms ({l.Count:N0} lights)");

    private void Fail(string failure)
    {
        lock (_failures)
            _failures.Add(failure);
    }

    private async Task<int> FailAsync(string failure)
    {
        Console.WriteLine($"Verdict: FAILED: {failure}. The host's log ({_logPath}):");
        Console.WriteLine(_host?.LogTail());
        if (_host is not null)
            await _host.DisposeAsync();
        return 1;
    }

    private static async Task DelayUntil(DateTimeOffset when)
    {
        var wait = when - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
            await Task.Delay(wait);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One ticket of the run: a village-level matter in a village with a dispatcher of its own, and who acts on it.</summary>
internal sealed record FaultCase(string Operator, string VillageCode, string CategoryCode, string TownshipDispatcher, string VillageDispatcher)
{
    public object Ticket(string description) => new
    {
        channel = "hotline",
        description,
        citizen = new { name = "王秀英", phone = "13800000000" },
        location = new { villageCode = VillageCode, address = "1组1号附近" },
        categoryCode = CategoryCode,
        urgency = "normal",
    };
}

internal sealed class CaseMaker
{
    private readonly string[] _operators;
    private readonly (string Village, string Township, string Dispatcher)[] _villages;
    private readonly string[] _matters;

    public CaseMaker(ReferenceData reference)
    {
        _operators = [.. reference.Users.Where(u => u.Role == Role.Operator).Select(u => u.Id)];
        var dispatchers = reference.Users.Where(u => u.Role == Role.Dispatcher).ToDictionary(u => u.UnitCode, u => u.Id);
        string TownshipOf(string village) => reference.AtTier(village, Tier.Township)!.Code;
        _villages =
        [
            .. reference.Units
                .Where(u => u.Kind == UnitKind.Village && dispatchers.ContainsKey(u.Code) && dispatchers.ContainsKey(TownshipOf(u.Code)))
                .Select(u => (u.Code, dispatchers[TownshipOf(u.Code)], dispatchers[u.Code])),
        ];
        _matters = [.. reference.Catalogue.Where(m => m.FirstTier == Tier.Village).Select(m => m.Code)];
    }

    public FaultCase Draw(int number)
    {
        var (village, township, dispatcher) = _villages[number % _villages.Length];
        return new FaultCase(_operators[number % _operators.Length], village, _matters[number % _matters.Length], township, dispatcher);
    }
}
