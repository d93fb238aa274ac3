using System.Globalization;

namespace Escalation.Benchmarks.BusyDay;

/// <summary>
/// The county's mix of cases, in percent. Every case is handled at one level (the three add up to 100); the
/// other shares are independent chances per case. Every case is rated and closed.
/// </summary>
public sealed record WorkloadMix(
    double Village = 70, double Township = 20, double County = 10, double Returned = 5, double Reopened = 10, double Duplicates = 10)
{
    /// <summary>"village=70,township=20,county=10,returned=5,reopened=10,duplicates=10"; a share left out keeps its default.</summary>
    public static WorkloadMix Parse(string text)
    {
        var mix = new WorkloadMix();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (name, value) = part.Split('=') is [var n, var v]
                ? (n.Trim(), double.Parse(v, CultureInfo.InvariantCulture))
                : throw new ArgumentException($"--mix: '{part}' is not name=percent.");
            mix = name switch
            {
                "village" => mix with { Village = value },
                "township" => mix with { Township = value },
                "county" => mix with { County = value },
                "returned" => mix with { Returned = value },
                "reopened" => mix with { Reopened = value },
                "duplicates" => mix with { Duplicates = value },
                _ => throw new ArgumentException($"--mix: unknown share '{name}'."),
            };
        }
        if (Math.Abs(mix.Village + mix.Township + mix.County - 100) > 0.001)
            throw new ArgumentException("--mix: village, township and county must add up to 100.");
        return mix;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"village={Village},township={Township},county={County},returned={Returned},reopened={Reopened},duplicates={Duplicates}");
}

/// <summary>The busy-day benchmark's settings: full-run defaults, or the quick mode's small rates and short steps.</summary>
public sealed record BusyDayOptions
{
    public bool Quick { get; init; }
    public string JsonPath { get; init; } = "busy-day.json";
    /// <summary>Escalation.Host.dll to run; default the one built beside the benchmark.</summary>
    public string HostPath { get; init; } = Path.Combine(AppContext.BaseDirectory, "Escalation.Host.dll");
    /// <summary>HTTP connections to the host, and the raw baseline's pool size: the same concurrency for both.</summary>
    public int Connections { get; init; } = 64;
    public double StepSeconds { get; init; } = 5;
    public double StartRate { get; init; } = 100;
    public double StepFactor { get; init; } = 1.5;
    /// <summary>The offered rate is not raised past this (0: until the step fails).</summary>
    public double MaxRate { get; init; }
    public double LatencySeconds { get; init; } = 20;
    public double MixSeconds { get; init; } = 60;
    /// <summary>Also step up the rate of whole cases to their sustained maximum.</summary>
    public bool LifecycleSearch { get; init; } = true;
    public WorkloadMix Mix { get; init; } = new();
    public int Seed { get; init; } = 20261123;
    /// <summary>pg_stat_statements in the benchmark's cluster, for the profile in the report.</summary>
    public bool Statements { get; init; } = true;
    /// <summary>pg_stat_statements also inside functions and with planning time: costlier, for finding out why.</summary>
    public bool Profile { get; init; }
    /// <summary>Appended to the host's connection string (e.g. "No Reset On Close=true"): for experiments, reported with the figures.</summary>
    public string ConnectionOptions { get; init; } = "";

    /// <summary>Extra environment variables for the host process (NAME=value): for experiments, reported with the figures.</summary>
    public IReadOnlyList<string> HostEnvironment { get; init; } = [];

    public TimerBenchmark.Options Timers { get; init; } = TimerBenchmark.Options.Full;
    public bool SkipTimers { get; init; }
    public int RebuildEvents { get; init; } = 1_000_000;
    public string Command { get; init; } = "";

    public static BusyDayOptions Parse(Arguments args)
    {
        var options = args.Flag("--quick") ? QuickMode : new BusyDayOptions();
        return options with
        {
            JsonPath = args.Text("--json") ?? options.JsonPath,
            HostPath = args.Text("--host") ?? options.HostPath,
            Connections = args.Whole("--connections", options.Connections),
            StepSeconds = args.Number("--step-seconds", options.StepSeconds),
            StartRate = args.Number("--start-rate", options.StartRate),
            StepFactor = args.Number("--step-factor", options.StepFactor),
            MaxRate = args.Number("--max-rate", options.MaxRate),
            LatencySeconds = args.Number("--latency-seconds", options.LatencySeconds),
            MixSeconds = args.Number("--mix-seconds", options.MixSeconds),
            LifecycleSearch = !args.Flag("--no-lifecycle-search") && (options.LifecycleSearch || args.Flag("--lifecycle-search")),
            Mix = args.Text("--mix") is { } mix ? WorkloadMix.Parse(mix) : options.Mix,
            Seed = args.Whole("--seed", options.Seed),
            Statements = !args.Flag("--no-statements") && options.Statements,
            Profile = args.Flag("--profile"),
            Timers = TimerBenchmark.Options.Parse(args, options.Timers),
            SkipTimers = args.Flag("--no-timers"),
            RebuildEvents = args.Whole("--rebuild-events", options.RebuildEvents),
            ConnectionOptions = args.Text("--connection-options") ?? "",
            HostEnvironment = args.All("--host-env"),
            Command = args.Command,
        };
    }

    /// <summary>Checks that the harness and the product work, not how fast they are: small rates, short steps, few timers, no rebuild.</summary>
    private static BusyDayOptions QuickMode { get; } = new()
    {
        Quick = true,
        StepSeconds = 0.5,
        StartRate = 150,
        StepFactor = 2,
        MaxRate = 400,
        LatencySeconds = 1,
        MixSeconds = 2,
        LifecycleSearch = false,
        Statements = false,
        Timers = new TimerBenchmark.Options(
            Pending: 1_000, SpreadSeconds: 2, WindowSeconds: 2, Burst: 500, LeadSeconds: 1, BurstLeadSeconds: 2, GiveUpSeconds: 60),
        RebuildEvents = 0,
    };

    public const string Usage =
        "[--quick] [--json busy-day.json] [--connections 64] [--step-seconds 5] [--start-rate 100] [--step-factor 1.5] " +
        "[--max-rate 0] [--latency-seconds 20] [--mix-seconds 60] [--no-lifecycle-search] " +
        "[--mix village=70,township=20,county=10,returned=5,reopened=10,duplicates=10] [--seed N] [--no-statements | --profile] " +
        "[--pending 100000 --spread 600 --window 120 --burst 10000 --lead 10 --burst-lead 15 --give-up 600 | --no-timers] [--rebuild-events 1000000] [--host path/Escalation.Host.dll] " +
        "[--host-env NAME=value ...] [--connection-options \"Key=value;...\"]";
}
