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
        var daily = (await StatsEndpoint.ReportAsync(Scope, StatsGrouping.Unit, StatsPeriod.Day, first, today, session, reference, ct))
            .Rows.Where(r => r.Key == Scope.Code).OrderBy(r => r.Period).ToList();
        DayLabels = [.. daily.Select(r => r.Period.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture))];
        Rates =
        [
            new(texts["rate.response"], [.. daily.Select(r => r.ResponseRate)]),
            new(texts["rate.resolution"], [.. daily.Select(r => r.ResolutionRate)]),
            new(texts["rate.closure"], [.. daily.Select(r => r.ClosureRate)]),
            new(texts["rate.satisfaction"], [.. daily.Select(r => r.SatisfactionRate)]),
            new(texts["rate.reportIn"], [.. daily.Select(r => r.ReportInRate)]),
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
