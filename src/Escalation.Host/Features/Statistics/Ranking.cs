using System.Globalization;
using System.Text.RegularExpressions;
using Escalation.Host.Api;

namespace Escalation.Host.Features.Statistics;

public enum RankingOf { Units, Departments }

/// <summary>Where a row stands: ranked, marked for a sample too small to rank fairly, or with nothing to rank at all.</summary>
public enum Standing { Ranked, SmallSample, NoData }

/// <summary>The weights of the composite score; a weight of 0 leaves its rate out. They need not add up to 1.</summary>
public sealed record RankingWeights
{
    public double Response { get; init; }
    public double Resolution { get; init; }
    public double Satisfaction { get; init; }
    public double ReportIn { get; init; }
}

/// <summary>
/// The league table's settings (<c>Escalation:Rankings</c>): Beijing-style weights over the response, resolution and
/// satisfaction rates (departments also on report-in), the smallest sample ranked, and the bulletin's threshold.
/// </summary>
public sealed record RankingSettings
{
    public RankingWeights Units { get; init; } = new() { Response = 0.3, Resolution = 0.3, Satisfaction = 0.4 };

    public RankingWeights Departments { get; init; } = new() { Response = 0.25, Resolution = 0.25, Satisfaction = 0.3, ReportIn = 0.2 };

    /// <summary>Fewer ratings than this (or fewer dispatches, acceptances or summonses for a weighted rate) is a small sample: marked, never ranked.</summary>
    public int MinimumSample { get; init; } = 5;

    /// <summary>The bulletin names the ranked rows whose score is below this.</summary>
    public decimal Threshold { get; init; } = 80m;
}

/// <param name="Rank">1 for the best score; equal scores share a rank (1, 2, 2, 4); null when not ranked.</param>
/// <param name="Received">受理量: for a unit the requests reported in it, for a department the tickets transferred to it and its summonses.</param>
public sealed record RankingRow(
    int? Rank, string Key, string Name, Standing Standing, decimal? Score,
    decimal? ResponseRate, decimal? ResolutionRate, decimal? SatisfactionPerRatingRate, decimal? ReportInRate,
    int Received, int Dispatched, int Accepted, int Rated, int Summoned);

public sealed record RankingReport(string Unit, RankingOf Of, string Period, DateOnly From, DateOnly To, RankingWeights Weights, int MinimumSample, IReadOnlyList<RankingRow> Rows);

/// <summary>
/// The monthly league table. Score = Σ weight × rate / Σ weight over the weighted rates (percentages, two decimals). A
/// row is ranked only when every weighted rate has at least the minimum sample; otherwise it is listed after the ranked
/// ones, marked small-sample (with its score, for information) or no-data (a weighted rate has nothing to count). Order:
/// score descending; equal scores share a rank and stand in code order, so the order is stable from one run to the next.
/// </summary>
public static class Ranking
{
    public static RankingReport Rank(string unit, RankingOf of, ReportPeriod period, IEnumerable<StatsRow> rows, RankingSettings settings)
    {
        var weights = of == RankingOf.Units ? settings.Units : settings.Departments;
        var scored = rows.Select(row => Score(row, of, weights, settings.MinimumSample)).ToList();
        var ranked = scored.Where(r => r.Standing == Standing.Ranked).OrderByDescending(r => r.Score).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        var result = new List<RankingRow>();
        for (var i = 0; i < ranked.Count; i++)
            result.Add(ranked[i] with { Rank = i > 0 && ranked[i].Score == ranked[i - 1].Score ? result[i - 1].Rank : i + 1 });
        result.AddRange(scored.Where(r => r.Standing == Standing.SmallSample).OrderByDescending(r => r.Score).ThenBy(r => r.Key, StringComparer.Ordinal));
        result.AddRange(scored.Where(r => r.Standing == Standing.NoData).OrderBy(r => r.Key, StringComparer.Ordinal));
        return new RankingReport(unit, of, period.Name, period.First, period.Last, weights, settings.MinimumSample, result);
    }

    private static RankingRow Score(StatsRow row, RankingOf of, RankingWeights weights, int minimum)
    {
        (double Weight, decimal? Rate, int Sample)[] parts =
        [
            (weights.Response, row.ResponseRate, row.Dispatched),
            (weights.Resolution, row.ResolutionRate, row.Accepted),
            (weights.Satisfaction, row.SatisfactionPerRatingRate, row.Rated),
            (weights.ReportIn, row.ReportInRate, row.Summoned),
        ];
        var weighted = parts.Where(p => p.Weight > 0).ToList();
        var standing = weighted.Count == 0 || weighted.Any(p => p.Rate is null) ? Standing.NoData
            : weighted.Any(p => p.Sample < minimum) ? Standing.SmallSample
            : Standing.Ranked;
        decimal? score = standing == Standing.NoData ? null
            : Math.Round(weighted.Sum(p => (decimal)p.Weight * p.Rate!.Value) / (decimal)weighted.Sum(p => p.Weight), 2, MidpointRounding.AwayFromZero);
        var received = of == RankingOf.Units ? row.Reported : row.Dispatched + row.Summoned;
        return new RankingRow(null, row.Key, row.Name, standing, score, row.ResponseRate, row.ResolutionRate, row.SatisfactionPerRatingRate, row.ReportInRate,
            received, row.Dispatched, row.Accepted, row.Rated, row.Summoned);
    }

    public static readonly IReadOnlyList<string> Columns =
    [
        "rank", "key", "name", "standing", "score", "responseRate", "resolutionRate", "satisfactionPerRatingRate", "reportInRate",
        "received", "dispatched", "accepted", "rated", "summoned",
    ];

    public static IEnumerable<object?> Values(RankingRow r) =>
    [
        r.Rank, r.Key, r.Name, r.Standing, r.Score, r.ResponseRate, r.ResolutionRate, r.SatisfactionPerRatingRate, r.ReportInRate,
        r.Received, r.Dispatched, r.Accepted, r.Rated, r.Summoned,
    ];
}

/// <summary>
/// A bulletin's period as written: a month (<c>2026-11</c>), an ISO week (<c>2026-W48</c>) or a day (<c>2026-11-23</c>),
/// China days from <see cref="First"/> to <see cref="Last"/>.
/// </summary>
public sealed partial record ReportPeriod(string Name, StatsPeriod Kind, DateOnly First, DateOnly Last)
{
    public static ReportPeriod Month(DateOnly day) => new(
        day.ToString("yyyy-MM", CultureInfo.InvariantCulture), StatsPeriod.Month, new(day.Year, day.Month, 1), new DateOnly(day.Year, day.Month, 1).AddMonths(1).AddDays(-1));

    public static ReportPeriod Of(StatsPeriod kind, DateOnly day) => kind switch
    {
        StatsPeriod.Day => new(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), kind, day, day),
        StatsPeriod.Week => Week(StatsTable.Start(day, StatsPeriod.Week)),
        _ => Month(day),
    };

    /// <summary>The period before this one, of the same kind: what the bulletin compares with.</summary>
    public ReportPeriod Previous() => Of(Kind, First.AddDays(-1));

    /// <summary>The period written, or the month of <paramref name="today"/> when none is; an error on <paramref name="fields"/> otherwise.</summary>
    public static ReportPeriod? Parse(string? text, DateOnly today, Fields fields, string field = "period")
    {
        if (text is null)
            return Month(today);
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return InRange(Of(StatsPeriod.Day, day), fields, field);
        if (DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) && text.Length == 7)
            return InRange(Month(month), fields, field);
        if (WeekPattern().Match(text) is { Success: true } week
            && int.Parse(week.Groups[2].Value, CultureInfo.InvariantCulture) is var number and >= 1
            && number <= ISOWeek.GetWeeksInYear(int.Parse(week.Groups[1].Value, CultureInfo.InvariantCulture)))
        {
            var monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(int.Parse(week.Groups[1].Value, CultureInfo.InvariantCulture), number, DayOfWeek.Monday));
            return InRange(Week(monday), fields, field);
        }
        fields.Add(field, "must be a month (2026-11), an ISO week (2026-W48) or a day (2026-11-23).");
        return null;
    }

    private static ReportPeriod Week(DateOnly monday) => new(
        $"{ISOWeek.GetYear(monday.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(monday.ToDateTime(TimeOnly.MinValue)):00}", StatsPeriod.Week, monday, monday.AddDays(6));

    private static ReportPeriod? InRange(ReportPeriod period, Fields fields, string field)
    {
        if (period.First > StatsEndpoint.EarliestDay && period.Last < StatsEndpoint.LatestDay)
            return period;
        fields.Add(field, $"must fall from {StatsEndpoint.EarliestDay:yyyy-MM-dd} to {StatsEndpoint.LatestDay:yyyy-MM-dd}.");
        return null;
    }

    [GeneratedRegex(@"^(\d{4})-W(\d{2})$")]
    private static partial Regex WeekPattern();
}
