using Escalation.Benchmarks.BusyDay;
using Escalation.Benchmarks.Faults;

namespace Escalation.Benchmarks;

/// <summary>The entry point (not top-level statements: those would define a Program that hides the host's).</summary>
public static class Benchmarks
{
    public static async Task<int> Main(string[] commandLine)
    {
        var arguments = Arguments.Read(commandLine);
        try
        {
            return arguments.Benchmark switch
            {
                "timers" => await TimerBenchmark.RunAsync(TimerBenchmark.Options.Parse(arguments)),
                "rebuild" => await RebuildBenchmark.RunAsync(RebuildBenchmark.Options.Parse(arguments)),
                "busy-day" => await BusyDayBenchmark.RunAsync(BusyDayOptions.Parse(arguments)),
                "cold-start" => await ColdStartBenchmark.RunAsync(ColdStartBenchmark.Options.Parse(arguments)),
                "faults" => await FaultBenchmark.RunAsync(FaultOptions.Parse(arguments)),
                "write-side" => await WriteSideBenchmark.RunAsync(WriteSideBenchmark.Options.Parse(arguments)),
                _ => Usage(),
            };
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return Usage();
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine($"Usage: {Arguments.Variable}=\"<benchmark>\" dotnet Escalation.Benchmarks.dll, where <benchmark> is one of");
        Console.Error.WriteLine($"  timers {TimerBenchmark.Options.Usage}");
        Console.Error.WriteLine($"  rebuild {RebuildBenchmark.Options.Usage}");
        Console.Error.WriteLine($"  busy-day {BusyDayOptions.Usage}");
        Console.Error.WriteLine($"  cold-start {ColdStartBenchmark.Options.Usage}");
        Console.Error.WriteLine($"  faults {FaultOptions.Usage}");
        Console.Error.WriteLine($"  write-side {WriteSideBenchmark.Options.Usage}");
        return 2;
    }
}
