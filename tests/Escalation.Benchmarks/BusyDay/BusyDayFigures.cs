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
