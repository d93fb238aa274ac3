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
public sealed class BoardModel(IQuerySession session, ReferenceData reference, TimeProvider clock, Texts texts) : ConsolePage
{
    public const int DefaultDays = 30;

    public Unit Scope { get; private set; } = null!;

    public int Days { get; private set; }

    public IReadOnlyList<Unit> Units { get; private set; } = [];

    public WarningBoard Lights { get; private set; } = null!;

    public IReadOnlyList<string> DayLabels { get; private set; } = [];

    public IReadOnlyList<ChartSeries> Rates { get; private set; } = [];

    public IReadOnlyList<StatsRow> UnitRanking { get; private set; } = [];

    public IReadOnlyList<StatsRow> DepartmentRanking { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? unit, int? days)
    {
        if (MyRole is not (Role.Dispatcher or Role.Auditor or Role.Administrator))
            return NotAllowed();
        var own = MyRole == Role.Dispatcher ? Me.UnitCode : reference.County.Code;
        Units = [.. reference.Units.Where(u => u.Kind != UnitKind.Grid && reference.IsSelfOrAncestor(own, u.Code))];
        Scope = Units.FirstOrDefault(u => u.Code == unit) ?? reference.FindUnit(own)!;
        Days = Math.Clamp(days ?? DefaultDays, 7, StatsEndpoint.MaxDays);

        var ct = HttpContext.RequestAborted;
        Lights = await BoardEndpoint.BuildAsync(Scope, session, reference, ct);
        var today = StatisticFacts.Day(clock.GetUtcNow());
        var first = today.AddDays(1 - Days);
        var byUnit = (await StatsEndpoint.ReportAsync(Scope, StatsGrouping.Unit, StatsPeriod.Day, first, today, session, reference, ct)).Rows;
        var byDepartment = (await StatsEndpoint.ReportAsync(Scope, StatsGrouping.Department, StatsPeriod.Day, first, today, session, reference, ct)).Rows;
        var periods = byUnit.Select(r => r.Period).Distinct().Order().ToList();
        DayLabels = [.. periods.Select(d => d.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture))];
        // The unit rows (the unit itself and each unit below) split its counts without overlap, so their sums are its own;
        // summonses and report-ins are counted on the departments.
        decimal? Rate(Func<StatsRow, int> part, Func<StatsRow, int> whole, IReadOnlyList<StatsRow> rows, DateOnly day) =>
            StatsTable.Percent(rows.Where(r => r.Period == day).Sum(part), rows.Where(r => r.Period == day).Sum(whole));
        Rates =
        [
            new(texts["rate.response"], [.. periods.Select(d => Rate(r => r.AcceptedInTime, r => r.Dispatched, byUnit, d))]),
            new(texts["rate.resolution"], [.. periods.Select(d => Rate(r => r.Resolved, r => r.Accepted, byUnit, d))]),
            new(texts["rate.closure"], [.. periods.Select(d => Rate(r => r.Closed, r => r.Reported, byUnit, d))]),
            new(texts["rate.satisfaction"], [.. periods.Select(d => Rate(r => r.Satisfied, r => r.Rated, byUnit, d))]),
            new(texts["rate.reportIn"], [.. periods.Select(d => Rate(r => r.ReportedIn, r => r.Summoned, byDepartment, d))]),
        ];

        var monthStart = new DateOnly(today.Year, today.Month, 1);
        UnitRanking = Ranked((await StatsEndpoint.ReportAsync(Scope, StatsGrouping.Unit, StatsPeriod.Month, monthStart, today, session, reference, ct))
            .Rows.Where(r => r.Key != Scope.Code));
        DepartmentRanking = Ranked((await StatsEndpoint.ReportAsync(Scope, StatsGrouping.Department, StatsPeriod.Month, monthStart, today, session, reference, ct)).Rows);
        return Page();
    }

    /// <summary>Best satisfaction first, then resolution; units with nothing counted last.</summary>
    private static List<StatsRow> Ranked(IEnumerable<StatsRow> rows) =>
        [.. rows.OrderByDescending(r => r.Reported > 0).ThenByDescending(r => r.SatisfactionRate ?? -1).ThenByDescending(r => r.ResolutionRate ?? -1).ThenBy(r => r.Key)];
}
