using Escalation.Benchmarks.BusyDay;
using Escalation.Benchmarks.Faults;

namespace Escalation.Benchmarks;

/// <summary>The entry point (not top-level statements: those would define a Program that hides the host's).</summary>
public static class Benchmarks
{
    private const string Variable = "ESCALATION_BENCHMARK";

    /// <summary>
    /// The host under test sees this process's command line (it ends in RunJasperFxCommands), so the benchmark
    /// takes its own arguments from ESCALATION_BENCHMARK when the command line must stay empty.
    /// </summary>
    public static async Task<int> Main(string[] args) => (args.Length > 0 ? args : Arguments()) switch
    {
        ["timers", .. var rest] => await TimerBenchmark.RunAsync(TimerBenchmark.Options.Parse(rest)),
        ["rebuild", .. var rest] => await RebuildBenchmark.RunAsync(RebuildBenchmark.Options.Parse(rest)),
        ["busy-day", .. var rest] => await BusyDayBenchmark.RunAsync(BusyDayOptions.Parse(rest, Command(args))),
        ["faults", .. var rest] => await FaultBenchmark.RunAsync(FaultOptions.Parse(rest)),
        _ => Usage(),
    };

    private static string[] Arguments() =>
        (Environment.GetEnvironmentVariable(Variable) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The command that produced a report, as it can be typed again.</summary>
    private static string Command(string[] args) => args.Length > 0
        ? $"dotnet Escalation.Benchmarks.dll {string.Join(' ', args)}"
        : $"{Variable}=\"{Environment.GetEnvironmentVariable(Variable)}\" dotnet Escalation.Benchmarks.dll";

    private static int Usage()
    {
        Console.Error.WriteLine($"Usage: {Variable}=\"<benchmark>\" dotnet Escalation.Benchmarks.dll, where <benchmark> is one of");
        Console.Error.WriteLine("  timers [--pending 100000] [--spread 600] [--window 120] [--burst 10000] [--lead 10] [--burst-lead 15] [--give-up 600]");
        Console.Error.WriteLine("  rebuild [--events 100000]");
        Console.Error.WriteLine($"  {BusyDayOptions.Usage}");
        Console.Error.WriteLine($"  {FaultOptions.Usage}");
        return 2;
    }
}
