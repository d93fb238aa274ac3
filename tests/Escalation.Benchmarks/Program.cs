namespace Escalation.Benchmarks;

/// <summary>The entry point (not top-level statements: those would define a Program that hides the host's).</summary>
public static class Benchmarks
{
    /// <summary>
    /// The host under test sees this process's command line (it ends in RunJasperFxCommands), so the benchmark
    /// takes its own arguments from ESCALATION_BENCHMARK when the command line must stay empty.
    /// </summary>
    public static async Task<int> Main(string[] args) => (args.Length > 0 ? args : Arguments()) switch
    {
        ["timers", .. var rest] => await TimerBenchmark.RunAsync(TimerBenchmark.Options.Parse(rest)),
        ["rebuild", .. var rest] => await RebuildBenchmark.RunAsync(RebuildBenchmark.Options.Parse(rest)),
        _ => Usage(),
    };

    private static string[] Arguments() =>
        (Environment.GetEnvironmentVariable("ESCALATION_BENCHMARK") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static int Usage()
    {
        Console.Error.WriteLine(
            "Usage: dotnet run -c Release --project tests/Escalation.Benchmarks -- timers [--pending 100000] [--spread 600] [--window 120] [--burst 10000]" +
            Environment.NewLine + "       dotnet run -c Release --project tests/Escalation.Benchmarks -- rebuild [--events 100000]");
        return 2;
    }
}
