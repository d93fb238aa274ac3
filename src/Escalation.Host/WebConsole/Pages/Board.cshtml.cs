using Escalation.Domain;
using Escalation.Domain.Reference;
using Escalation.Host.Features.Board;
using Escalation.Host.Features.Statistics;
using Escalation.Projections.Statistics;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Escalation.Host.WebConsole.Pages;

/// <summary>
/// The leaders' board: the yellow and red lights within a unit, by the units below it and by department; the rates
/// of the unit day by day; and this month's ranking of the units below it and of the departments.
/// </summary>
public sealed class BoardModel(IQuerySession session, ReferenceData reference, TimeProvider clock, Texts texts, RankingSettings rankings, CountySettings settings) : ConsolePage
{
    public const int DefaultDays = 30;

    public Unit Scope { get; private set; } = null!;

    public int Days { get; private set; }

    public IReadOnlyList<Unit> Units { get; private set; } = [];

    public WarningBoard Lights { get; private set; } = null!;

    public IReadOnlyList<string> DayLabels { get; private set; } = [];

    public IReadOnlyList<ChartSeries> Rates { get; private set; } = [];

    public RankingReport UnitRanking { get; private set; } = null!;

    public RankingReport DepartmentRanking { get; private set; } = null!;

    /// <summary>Deadlines missed this month, counted where they were missed (they stay counted after a ticket climbs): by unit below, by department.</summary>
    public IReadOnlyDictionary<string, int> MissedThisMonth { get; private set; } = new Dictionary<string, int>();

    public int MissedThisMonthTotal { get; private set; }

    /// <summary>This month's time in the air of the units below and the departments that signed for or bounced anything.</summary>
    public IReadOnlyList<StatsRow> AirThisMonth { get; private set; } = [];
    /// <summary>This month's two-way assessment of whistles and report-ins within the unit (joint handling).</summary>
    public Features.Joint.AssessmentReport Assessment { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? unit, int? days)
    {
        if (MyRole is not (Role.Dispatcher or Role.Auditor or Role.Administrator))
            return NotAllowed();
        var own = MyRole == Role.Dispatcher ? Me.UnitCode : reference.County.Code;
        Units = [.. reference.UnitsWithin(own).Where(u => u.Kind != UnitKind.Grid)];
        Scope = Units.FirstOrDefault(u => u.Code == unit) ?? reference.FindUnit(own)!;
        Days = Math.Clamp(days ?? DefaultDays, 7, StatsEndpoint.MaxDays);

        var ct = HttpContext.RequestAborted;
        Lights = await BoardEndpoint.BuildAsync(Scope, session, reference, ct);
        var today = StatisticFacts.Day(clock.GetUtcNow());
        var first = today.AddDays(1 - Days);
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        // One read of the day cells serves the four tables; the board shows no repeat problems, so none are counted.
        var cells = await StatsEndpoint.CellsAsync(first < monthStart ? first : monthStart, today, StatsEndpoint.Within(Scope, reference), session, ct);
        IReadOnlyList<StatsRow> Rows(StatsGrouping grouping, StatsPeriod period, DateOnly from) =>
            StatsTable.Build(Scope, grouping, period, from, today, cells.Where(c => c.Day >= from), [], reference).Rows;
        var byUnit = Rows(StatsGrouping.Unit, StatsPeriod.Day, first).ToLookup(r => r.Period);
        var byDepartment = Rows(StatsGrouping.Department, StatsPeriod.Day, first).ToLookup(r => r.Period);
        var periods = byUnit.Select(day => day.Key).Order().ToList();
        DayLabels = [.. periods.Select(d => d.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture))];
        // The unit rows (the unit itself and each unit below) split its counts without overlap, so their sums are its own;
        // summonses and report-ins are counted on the departments.
        ChartSeries Series(string name, ILookup<DateOnly, StatsRow> rows, Func<StatsRow, int> part, Func<StatsRow, int> whole) =>
            new(texts[name], [.. periods.Select(day => StatsTable.Percent(rows[day].Sum(part), rows[day].Sum(whole)))]);
        Rates =
        [
            Series("rate.response", byUnit, r => r.AcceptedInTime, r => r.Dispatched),
            Series("rate.resolution", byUnit, r => r.Resolved, r => r.Accepted),
            Series("rate.closure", byUnit, r => r.Closed, r => r.Reported),
            Series("rate.satisfaction", byUnit, r => r.Satisfied, r => r.Rated),
            Series("rate.reportIn", byDepartment, r => r.ReportedIn, r => r.Summoned),
        ];

        var month = ReportPeriod.Month(today);
        var monthCells = cells.Where(c => c.Day >= monthStart).ToList();
        UnitRanking = RankingsEndpoint.Rank(Scope, RankingOf.Units, month, monthCells, rankings, reference);
        DepartmentRanking = RankingsEndpoint.Rank(Scope, RankingOf.Departments, month, monthCells, rankings, reference);
        var unitMonth = StatsTable.Build(Scope, StatsGrouping.Unit, StatsPeriod.Month, monthStart, today, monthCells, [], reference);
        var departmentMonth = StatsTable.Build(Scope, StatsGrouping.Department, StatsPeriod.Month, monthStart, today, monthCells, [], reference);
        MissedThisMonth = unitMonth.Rows.Concat(departmentMonth.Rows).GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Sum(r => r.MissedDeadlines));
        MissedThisMonthTotal = unitMonth.Totals.Sum(r => r.MissedDeadlines) + departmentMonth.Totals.Sum(r => r.MissedDeadlines);
        AirThisMonth = [.. unitMonth.Rows.Concat(departmentMonth.Rows.Where(r => r.SignedFor + r.Bounces > 0))];
        Assessment = await Features.Joint.AssessmentEndpoint.BuildAsync(
            session, reference, settings, Scope, Features.Joint.AssessmentPeriod.Month, monthStart, $"{monthStart:yyyy-MM}", ct);
        return Page();
    }
}
