using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Escalation.Benchmarks.BusyDay;
using Escalation.Domain.Reference;
using Escalation.Host.Auth;
using Escalation.Host.Reference;
using Microsoft.Extensions.Configuration;

namespace Escalation.Benchmarks;

/// <summary>
/// Cold start with the Wolverine code the build generated (Static, the Production default) against generating and
/// compiling it at start-up (Dynamic, forced with Escalation:Codegen): the built host is started as a process in
/// Production, the modes alternating, on one database whose schema a first, uncounted start created. Each start is
/// timed from the process start to the first 200 of <c>GET /health/ready</c> and to the first ticket opened, its peak
/// resident memory is read from /proc, and so is whether it mapped Roslyn.
/// </summary>
public static class ColdStartBenchmark
{
    public sealed record Options(int Starts, string HostPath)
    {
        public const string Usage = "[--starts 5] [--host path/to/Escalation.Host.dll]";

        public static Options Parse(Arguments args) =>
            new(args.Whole("--starts", 5), args.Text("--host") ?? Path.Combine(AppContext.BaseDirectory, "Escalation.Host.dll"));
    }

    /// <param name="ReadyMs">From the process start to the first 200 of /health/ready.</param>
    /// <param name="FirstTicketMs">The first request (opening a ticket), from its start to its answer.</param>
    /// <param name="CpuAtReadyS">The host's user + system CPU up to ready.</param>
    /// <param name="CpuSeconds">The host's user + system CPU up to the first ticket's answer.</param>
    /// <param name="PeakMiB">VmHWM after the first ticket.</param>
    public sealed record Start(string Mode, double ReadyMs, double FirstTicketMs, double CpuAtReadyS, double CpuSeconds, double PeakMiB, bool RoslynMapped);

    private static readonly string[] Modes = ["Static", "Dynamic"];

    public static async Task<int> RunAsync(Options options)
    {
        Console.WriteLine($"# Cold start, static against dynamic codegen ({Environment.ProcessorCount} cores, load average {LoadAverage()})");
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(SigningKey.Setting, key)]).Build();
        var reference = ReferenceDataLoader.Load(configuration);
        var issuer = new TokenIssuer(SigningKey.Resolve(configuration));
        var workload = new Workload(reference, new WorkloadMix(), seed: 1);

        await using var cluster = await BenchCluster.StartAsync(statements: false, profile: false);
        // The first start creates the schema; it is not counted.
        if (await StartOnceAsync(options, cluster, key, reference, issuer, workload, "Static", 0) is null)
            return 1;

        var starts = new List<Start>();
        for (var i = 0; i < options.Starts * Modes.Length; i++)
        {
            // S D D S S D ...: neither mode always goes first after the other.
            var mode = Modes[(i + i / 2) % 2];
            var start = await StartOnceAsync(options, cluster, key, reference, issuer, workload, mode, i + 1);
            if (start is null)
                return 1;
            starts.Add(start);
            Console.WriteLine($"  {i + 1,2} {mode,-7}: ready {start.ReadyMs,6:F0} ms, first ticket {start.FirstTicketMs,6:F0} ms, " +
                $"CPU {start.CpuAtReadyS,5:F2} s at ready, {start.CpuSeconds,5:F2} s at first ticket, peak {start.PeakMiB,5:F0} MiB, Roslyn mapped: {(start.RoslynMapped ? "yes" : "no")}");
        }

        Console.WriteLine();
        Console.WriteLine("| codegen | starts | ready (median, min–max) | first ticket (median, min–max) | host CPU to ready / to first ticket (medians) | peak RSS (median, min–max) | Roslyn mapped |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var mode in Modes)
        {
            var of = starts.Where(s => s.Mode == mode).ToList();
            Console.WriteLine($"| {mode} | {of.Count} | {Spread(of, s => s.ReadyMs, "ms")} | {Spread(of, s => s.FirstTicketMs, "ms")} | " +
                $"{Median(of.Select(s => s.CpuAtReadyS)):F2} s / {Median(of.Select(s => s.CpuSeconds)):F2} s | {Spread(of, s => s.PeakMiB, "MiB")} | {string.Join(", ", of.Select(s => s.RoslynMapped ? "yes" : "no").Distinct())} |");
        }
        Console.WriteLine($"load average at the end {LoadAverage()}");
        return 0;
    }

    private static async Task<Start?> StartOnceAsync(Options options, BenchCluster cluster, string key,
        ReferenceData reference, TokenIssuer issuer, Workload workload, string mode, int number)
    {
        var log = Path.Combine(cluster.Folder, $"host-{number}.log");
        var clock = Stopwatch.StartNew();
        await using var host = HostUnderTest.Start(options.HostPath, cluster.ConnectionString, key, log,
            ["ASPNETCORE_ENVIRONMENT=Production", "DOTNET_ENVIRONMENT=Production", $"Escalation__Codegen={mode}"]);
        using var probe = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(5) };
        double? ready = null;
        while (ready is null && clock.Elapsed < TimeSpan.FromSeconds(120) && !host.HasExited)
        {
            try
            {
                using var answer = await probe.GetAsync("/health/ready");
                if (answer.IsSuccessStatusCode)
                    ready = clock.Elapsed.TotalMilliseconds;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            if (ready is null)
                await Task.Delay(10);
        }
        if (ready is null)
        {
            Console.Error.WriteLine($"Start {number} ({mode}) was not ready. The host's log:\n{host.LogTail()}");
            return null;
        }

        var cpuAtReady = CpuSeconds(host.Pid);
        using var api = new CountyApi(host.Address, reference, issuer, connections: 1);
        var first = workload.Draw(number);
        var sent = clock.Elapsed.TotalMilliseconds;
        try
        {
            await api.OpenAsync(first.Operator, Workload.Ticket(first.Number, first.VillageCode, first.CategoryCode));
        }
        catch (Exception e) when (e is UnexpectedAnswerException or HttpRequestException or TaskCanceledException)
        {
            Console.Error.WriteLine($"Start {number} ({mode}) could not open a ticket: {e.Message}. The host's log:\n{host.LogTail()}");
            return null;
        }
        var firstTicket = clock.Elapsed.TotalMilliseconds - sent;
        return new Start(mode, ready.Value, firstTicket, cpuAtReady, CpuSeconds(host.Pid), host.ReadMemory().PeakMiB, RoslynMapped(host.Pid));
    }

    private static bool RoslynMapped(int pid) =>
        File.ReadLines($"/proc/{pid}/maps").Any(line => line.Contains("/Microsoft.CodeAnalysis", StringComparison.Ordinal));

    /// <summary>utime + stime of /proc/pid/stat (fields 14 and 15, after the parenthesised name), at 100 ticks a second.</summary>
    private static double CpuSeconds(int pid)
    {
        var fields = File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Spread(IReadOnlyList<Start> starts, Func<Start, double> figure, string unit)
    {
        var values = starts.Select(figure).ToArray();
        return $"{Median(values):F0} {unit} ({values.Min():F0}–{values.Max():F0})";
    }
}
