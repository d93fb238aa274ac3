using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Escalation.Domain.Reference;
using Escalation.Projections.Statistics;

namespace Escalation.Host.Features.Statistics;

public enum StatsGrouping { Unit, Department, Category }

public enum StatsPeriod { Day, Week, Month }

/// <summary>
/// The figures of one period (named by its first day) for one unit, department or category. Rates are percentages
/// rounded to two decimals, null when nothing was there to count; README "Metrics" and docs/callback.md give each formula.
/// Satisfaction is given two ways, never to be confused: per rating (<see cref="SatisfactionPerRatingRate"/>) and per
/// closed case (<see cref="SatisfactionPerClosedCaseRate"/>, where an unrated or unreachable case counts as not satisfied).
/// </summary>
public sealed record StatsRow(
    DateOnly Period, string Key, string Name,
    int Reported, int Dispatched, int Accepted, int AcceptedInTime, int Resolved, int Closed, int ClosedInTime,
    int Rated, int Satisfied, int Reopened, int EscalatedToTownship, int EscalatedToCounty, int EscalatedToCountyLeader,
    int Whistles, int Summoned, int ReportedIn, int ReportInsMissed, int Returned, int ReturnsCountedAgainst, int RepeatProblems,
    decimal? ResponseRate, decimal? ResolutionRate, decimal? ClosureRate, decimal? ClosedInTimeRate, decimal? SatisfactionPerRatingRate,
    decimal? ReportInRate, decimal? MeanReportInMinutes,
    int ClosedSatisfied, int ClosedBySystem, int ClosedUnreachable, int CallbacksUnanswered, int Unreachable, int SolvedAsked,
    int ConfirmedSolved, int MissedDeadlines, int CallbacksLate,
    decimal? SatisfactionPerClosedCaseRate, decimal? CitizenConfirmedResolutionRate,
    int ExtensionsRequested, int ExtensionsApproved, int ExtensionsRefused,
    int PausesRequested, int PausesApproved, int PausesRefused, decimal PausedHours,
    int Bounces, int SignedFor, decimal? SignForP50Minutes, decimal? SignForP90Minutes, int Flights, decimal? MeanAirMinutes);

/// <param name="Totals">Per period, the total of everything within the unit asked for: the sum of the period's rows, its rates from those sums.</param>
public sealed record StatsReport(
    string Unit, StatsGrouping GroupBy, StatsPeriod Period, DateOnly From, DateOnly To, IReadOnlyList<StatsRow> Rows, IReadOnlyList<StatsRow> Totals);

/// <summary>A request reported where the same matter was reported in the same grid within the 30 days before.</summary>
public sealed record RepeatProblem(DateOnly Day, string VillageCode, string CategoryCode);

/// <summary>Adds the day cells up into the rows of a report: by period, and by unit below, department or category.</summary>
public static class StatsTable
{
    public const string Uncategorised = "";

    /// <summary>The key of a period's total row.</summary>
    public const string TotalKey = "total";

    private static readonly ParameterInfo[] Columns = typeof(StatsRow).GetConstructors().Single().GetParameters();

    public static StatsReport Build(
        Unit scope, StatsGrouping groupBy, StatsPeriod period, DateOnly from, DateOnly to,
        IEnumerable<DailyCounts> cells, IEnumerable<RepeatProblem> repeats, ReferenceData reference)
    {
        var children = reference.ChildrenOf(scope.Code).Where(u => u.Kind != UnitKind.Grid).ToList();
        string? KeyOf(string unit, string? department, string? category) => groupBy switch
        {
            StatsGrouping.Unit when department is null =>
                unit == scope.Code ? unit : children.FirstOrDefault(c => reference.IsSelfOrAncestor(c.Code, unit))?.Code,
            StatsGrouping.Department => department,
            StatsGrouping.Category => category ?? Uncategorised,
            _ => null,
        };

        var sums = new Dictionary<(DateOnly, string), Sum>();
        Sum At(DateOnly day, string key)
        {
            var at = (Start(day, period), key);
            if (!sums.TryGetValue(at, out var sum))
                sums[at] = sum = new Sum();
            return sum;
        }
        foreach (var cell in cells)
        {
            if (KeyOf(cell.UnitCode, cell.DepartmentCode, cell.CategoryCode) is { } key)
                At(cell.Day, key).Counts.Add(cell.Counts);
        }
        foreach (var repeat in repeats)
        {
            if (KeyOf(repeat.VillageCode, null, repeat.CategoryCode) is { } key)
                At(repeat.Day, key).Repeats++;
        }

        // Units and departments are ranked, so each has a row even when it counted nothing; categories appear when counted.
        IEnumerable<(string Key, string Name)> keys = groupBy switch
        {
            StatsGrouping.Unit => [(scope.Code, scope.NameZh), .. children.Select(c => (c.Code, c.NameZh))],
            StatsGrouping.Department => reference.Departments.Select(d => (d.Code, d.NameZh)),
            _ => sums.Keys.Select(k => k.Item2).Distinct().Order(StringComparer.Ordinal)
                .Select(code => (code, reference.FindMatter(code)?.NameZh ?? "未分类")),
        };
        var keyList = keys.ToList();
        var rows = Periods(from, to, period)
            .SelectMany(start => keyList.Select(k => Row(start, k.Key, k.Name, sums.GetValueOrDefault((start, k.Key)) ?? new Sum())))
            .ToList();
        var totals = Periods(from, to, period)
            .Select(start => Row(start, TotalKey, $"合计 {scope.NameZh}", Total(keyList.Select(k => sums.GetValueOrDefault((start, k.Key))))))
            .ToList();
        return new StatsReport(scope.Code, groupBy, period, from, to, rows, totals);
    }

    /// <summary>The rows' sums added up: a total is the sum of its parts by construction.</summary>
    private static Sum Total(IEnumerable<Sum?> parts)
    {
        var total = new Sum();
        foreach (var part in parts.OfType<Sum>())
        {
            total.Counts.Add(part.Counts);
            total.Repeats += part.Repeats;
        }
        return total;
    }

    /// <summary>The rows, then each period's total row: what the CSV and the workbook hold.</summary>
    public static IEnumerable<StatsRow> RowsWithTotals(StatsReport report) => report.Rows.Concat(report.Totals);

    /// <summary>The columns of a row by their JSON names, in order: the CSV's header and the workbook's.</summary>
    public static IReadOnlyList<string> ColumnNames => [.. Columns.Select(c => JsonNamingPolicy.CamelCase.ConvertName(c.Name!))];

    /// <summary>A row's values in the order of <see cref="ColumnNames"/>.</summary>
    public static IEnumerable<object?> Values(StatsRow row) => Columns.Select(c => typeof(StatsRow).GetProperty(c.Name!)!.GetValue(row));

    /// <summary>The report as CSV for the monthly bulletin: one header line with the JSON field names, then the rows.</summary>
    public static string ToCsv(StatsReport report)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', ColumnNames).Append("\r\n");
        foreach (var row in RowsWithTotals(report))
        {
            csv.AppendJoin(',', Values(row).Select(Field)).Append("\r\n");
        }
        return csv.ToString();
    }

    /// <summary>The first day of the period holding <paramref name="day"/>: itself, its week's Monday, or its month's first.</summary>
    public static DateOnly Start(DateOnly day, StatsPeriod period) => period switch
    {
        StatsPeriod.Day => day,
        StatsPeriod.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        _ => new DateOnly(day.Year, day.Month, 1),
    };

    private static IEnumerable<DateOnly> Periods(DateOnly from, DateOnly to, StatsPeriod period)
    {
        for (var start = Start(from, period); start <= to; start = period switch
        {
            StatsPeriod.Day => start.AddDays(1),
            StatsPeriod.Week => start.AddDays(7),
            _ => start.AddMonths(1),
        })
            yield return start;
    }

    private static StatsRow Row(DateOnly period, string key, string name, Sum sum)
    {
        var c = sum.Counts;
        return new StatsRow(
            period, key, name,
            c.Reported, c.Dispatched, c.Accepted, c.AcceptedInTime, c.Resolved, c.Closed, c.ClosedInTime,
            c.Rated, c.Satisfied, c.Reopened, c.EscalatedToTownship, c.EscalatedToCounty, c.EscalatedToCountyLeader,
            c.Whistles, c.Summoned, c.ReportedIn, c.ReportInsMissed, c.Returned, c.ReturnsCountedAgainst, sum.Repeats,
            ResponseRate: Percent(c.AcceptedInTime, c.Dispatched),
            ResolutionRate: Percent(c.Resolved, c.Accepted),
            ClosureRate: Percent(c.Closed, c.Reported),
            ClosedInTimeRate: Percent(c.ClosedInTime, c.Closed),
            SatisfactionPerRatingRate: Percent(c.Satisfied, c.Rated),
            ReportInRate: Percent(c.ReportedIn, c.Summoned),
            MeanReportInMinutes: c.ReportedIn == 0 ? null : Math.Round(c.ReportInSeconds / 60m / c.ReportedIn, 1, MidpointRounding.AwayFromZero),
            c.ClosedSatisfied, c.ClosedBySystem, c.ClosedUnreachable, c.CallbacksUnanswered, c.Unreachable, c.SolvedAsked,
            c.ConfirmedSolved, c.MissedDeadlines, c.CallbacksLate,
            SatisfactionPerClosedCaseRate: Percent(c.ClosedSatisfied, c.Closed),
            CitizenConfirmedResolutionRate: Percent(c.ConfirmedSolved, c.SolvedAsked),
            ExtensionsRequested: c.ExtensionsRequested,
            ExtensionsApproved: c.ExtensionsApproved,
            ExtensionsRefused: c.ExtensionsRefused,
            PausesRequested: c.PausesRequested,
            PausesApproved: c.PausesApproved,
            PausesRefused: c.PausesRefused,
            PausedHours: Math.Round(c.PausedSeconds / 3600m, 1, MidpointRounding.AwayFromZero),
            Bounces: c.Bounces,
            SignedFor: c.SignForSeconds.Count,
            SignForP50Minutes: Percentile(c.SignForSeconds, 0.5),
            SignForP90Minutes: Percentile(c.SignForSeconds, 0.9),
            Flights: c.Flights,
            MeanAirMinutes: c.Flights == 0 ? null : Math.Round(c.AirSeconds / 60m / c.Flights, 1, MidpointRounding.AwayFromZero));
    }

    /// <summary>The nearest-rank percentile of times in seconds, in minutes with one decimal: the smallest time that at least that share of them do not exceed.</summary>
    public static decimal? Percentile(IReadOnlyCollection<long> seconds, double share)
    {
        if (seconds.Count == 0)
            return null;
        var rank = (int)Math.Ceiling(share * seconds.Count);
        return Math.Round(seconds.Order().ElementAt(Math.Max(rank, 1) - 1) / 60m, 1, MidpointRounding.AwayFromZero);
    }

    public static decimal? Percent(int part, int whole) =>
        whole == 0 ? null : Math.Round(100m * part / whole, 2, MidpointRounding.AwayFromZero);

    private sealed class Sum
    {
        public Counts Counts { get; } = new();
        public int Repeats { get; set; }
    }

    private static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return text.IndexOfAny([',', '"', '\r', '\n']) < 0 ? text : $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }
}
