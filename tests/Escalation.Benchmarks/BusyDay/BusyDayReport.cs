using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Escalation.Benchmarks.BusyDay;

/// <summary>Everything one busy-day run measured, written as JSON (every figure) and as Markdown (for people).</summary>
public sealed record BusyDayReport
{
    public required string Command { get; init; }
    public required string Mode { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required double WallSeconds { get; init; }
    public required Machine Machine { get; init; }
    public required BusyDayOptions Settings { get; init; }
    public required Baseline Baseline { get; init; }
    public HostFigures? Host { get; init; }
    public RateSearch? OpenSearch { get; init; }
    public LoadStep? OpenAtHalf { get; init; }
    public IReadOnlyList<StatementTime> OpenAtHalfStatements { get; init; } = [];
    public MixFigures? Mix { get; init; }
    public RateSearch? CaseSearch { get; init; }
    public TimerBenchmark.Figures? Timers { get; init; }
    public AuditFigures? Audit { get; init; }
    public RebuildBenchmark.Figures? Rebuild { get; init; }

    /// <summary>CPU during the rebuilds (the host runs in the benchmark's process there).</summary>
    public CpuShare? RebuildCpu { get; init; }
    public IReadOnlyList<string> Failures { get; init; } = [];

    public IReadOnlyList<Ratio> Ratios => Assessment.Ratios(this);
    public IReadOnlyList<Goal> Goals => Assessment.Goals(this);
    public IReadOnlyList<string> NotMeasured => Assessment.NotMeasured(this);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public string ToMarkdown() => BusyDayMarkdown.Write(this);
}
