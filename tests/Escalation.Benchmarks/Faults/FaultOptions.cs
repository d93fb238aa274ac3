namespace Escalation.Benchmarks.Faults;

/// <summary>
/// The fault run's settings. The quick mode (CI) kills the host once and stops PostgreSQL once in under two minutes;
/// the long mode (by hand) kills it 20 times and stops PostgreSQL 3 times.
/// </summary>
public sealed record FaultOptions
{
    public const string Usage =
        "[--long] [--rate 10] [--seconds 30] [--kills 1] [--pg-stops 1] [--pg-down 5] [--down 0] [--freeze] [--burst 0] " +
        "[--settle 20] [--grace 5] [--accept 20] [--resolve 30] [--lose-timer] [--statements] [--keep] [--keep-log] [--host path/Escalation.Host.dll] [--host-env NAME=value]... [--connection-options \"Key=value;...\"]";

    public bool Long { get; init; }
    /// <summary>Tickets opened per second, each triaged and half of them accepted at once.</summary>
    public double Rate { get; init; } = 10;
    /// <summary>How long tickets are opened for; the faults fall evenly within it.</summary>
    public double Seconds { get; init; } = 30;
    public int Kills { get; init; } = 1;
    public int PostgresStops { get; init; } = 1;
    /// <summary>How long PostgreSQL stays stopped each time.</summary>
    public double PostgresDownSeconds { get; init; } = 5;
    /// <summary>How long the host stays dead after a kill before it is started again (0: at once, as a service manager does).</summary>
    public double DownSeconds { get; init; }
    /// <summary>
    /// Each "kill" stops the host's process (SIGSTOP) for <see cref="DownSeconds"/> and lets it go on instead: the same
    /// backlog, drained by code that is already compiled, which shows what a restart's cold code costs.
    /// </summary>
    public bool Freeze { get; init; }
    /// <summary>Tickets opened and triaged at once just before the first kill, so that their clocks fall due while the host is down.</summary>
    public int Burst { get; init; }
    /// <summary>After the last ticket, how long the timers are left to run before the audit.</summary>
    public double SettleSeconds { get; init; } = 20;
    /// <summary>A timer due within this long of the audit may still be on its way: it is not counted as due.</summary>
    public double GraceSeconds { get; init; } = 5;
    /// <summary>The test county's limit to accept, and to resolve at every tier, in seconds.</summary>
    public int AcceptSeconds { get; init; } = 20;
    public int ResolveSeconds { get; init; } = 30;
    /// <summary>Deletes the timers of an untouched ticket while the host is dead: with the watchdog off the audit must then fail (it shows that it can).</summary>
    public bool LoseTimer { get; init; }
    /// <summary>Records PostgreSQL's statements (pg_stat_statements) from the first kill on, and shows those that took the most time.</summary>
    public bool Statements { get; init; }
    /// <summary>Leaves the cluster running (and its folder) after the run, for a look at what the store holds.</summary>
    public bool Keep { get; init; }
    /// <summary>Keeps the host's log after a run that passed too (a failed run always keeps it), e.g. to count its errors.</summary>
    public bool KeepLog { get; init; }
    public string HostPath { get; init; } = Path.Combine(AppContext.BaseDirectory, "Escalation.Host.dll");
    public IReadOnlyList<string> HostEnvironment { get; init; } = [];
    /// <summary>Appended to the host's connection string (e.g. a smaller pool), an experiment on the store's concurrency.</summary>
    public string ConnectionOptions { get; init; } = "";

    public static FaultOptions Parse(Arguments args)
    {
        var options = args.Flag("--long")
            ? new FaultOptions { Long = true, Rate = 10, Seconds = 480, Kills = 20, PostgresStops = 3, SettleSeconds = 40 }
            : new FaultOptions();
        return options with
        {
            Rate = args.Number("--rate", options.Rate),
            Seconds = args.Number("--seconds", options.Seconds),
            Kills = args.Whole("--kills", options.Kills),
            PostgresStops = args.Whole("--pg-stops", options.PostgresStops),
            PostgresDownSeconds = args.Number("--pg-down", options.PostgresDownSeconds),
            DownSeconds = args.Number("--down", options.DownSeconds),
            Freeze = args.Flag("--freeze"),
            Burst = args.Whole("--burst", options.Burst),
            SettleSeconds = args.Number("--settle", options.SettleSeconds),
            GraceSeconds = args.Number("--grace", options.GraceSeconds),
            AcceptSeconds = args.Whole("--accept", options.AcceptSeconds),
            ResolveSeconds = args.Whole("--resolve", options.ResolveSeconds),
            LoseTimer = args.Flag("--lose-timer"),
            Keep = args.Flag("--keep"),
            KeepLog = args.Flag("--keep-log"),
            Statements = args.Flag("--statements"),
            HostPath = args.Text("--host") ?? options.HostPath,
            HostEnvironment = args.All("--host-env"),
            ConnectionOptions = args.Text("--connection-options") ?? "",
        };
    }

    /// <summary>When each fault happens, in seconds from the first ticket: evenly within the load, the PostgreSQL stops spread among the kills.</summary>
    public IReadOnlyList<(double At, bool Kill)> Faults()
    {
        var count = Kills + PostgresStops;
        var stops = Enumerable.Range(0, PostgresStops).Select(i => (int)Math.Round((i + 0.5) * count / PostgresStops - 0.5)).ToHashSet();
        return [.. Enumerable.Range(0, count).Select(i => (Seconds * (i + 1) / (count + 1), !stops.Contains(i)))];
    }
}
