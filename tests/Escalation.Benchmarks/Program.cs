namespace Escalation.Benchmarks;

/// <summary>The entry point (not top-level statements: those would define a Program that hides the host's).</summary>
public static class Benchmarks
{
    public static async Task<int> Main(string[] args) => args switch
    {
        ["timers", .. var rest] => await TimerBenchmark.RunAsync(TimerBenchmark.Options.Parse(rest)),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine(
            "Usage: dotnet run -c Release --project tests/Escalation.Benchmarks -- timers [--pending 100000] [--spread 600] [--window 120] [--burst 10000]");
        return 2;
    }
}
