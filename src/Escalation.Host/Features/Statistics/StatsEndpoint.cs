using System.Globalization;
using Escalation.Domain.Reference;
using Escalation.Host.Api;
using Escalation.Host.Auth;
using Escalation.Projections;
using Escalation.Projections.Statistics;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Statistics;

public enum StatsFormat { Json, Csv, Xlsx }

/// <summary>The reported figures (response, resolution, closure, satisfaction and report-in rates …) for the bulletins.</summary>
public static class StatsEndpoint
{
    public const int MaxDays = 366;
    private static readonly TimeSpan RepeatWindow = TimeSpan.FromDays(30);

    // The days a report may name: far from the calendar's ends, where the 30 days before the first, the day after the
    // last, a week's or a month's bounds would fall outside what DateOnly and DateTimeOffset can hold.
    public static readonly DateOnly EarliestDay = new(2000, 1, 1);
    public static readonly DateOnly LatestDay = new(2999, 12, 31);

    /// <summary>
    /// The figures of a unit (default: the caller's; everything below it rolled up) from <c>from</c> to <c>to</c> (China
    /// days, default: this month so far), per <c>period</c> and per unit directly below, department or category. As CSV
    /// with <c>format=csv</c> or <c>Accept: text/csv</c>.
    /// </summary>
    [ProducesResponseType<StatsReport>(StatusCodes.Status200OK)]
    [Produces("application/json", "text/csv")]
    [WolverineGet("/api/stats")]
    public static async Task<IResult> Get(
        string? unit, string? groupBy, string? period, string? from, string? to, string? format,
        HttpContext http, IQuerySession session, ReferenceData reference, TimeProvider clock)
    {
        var role = EscalationClaims.RoleOf(http.User);
        if (role is not (Role.Dispatcher or Role.Auditor or Role.Administrator))
            return Problems.Forbidden("see the statistics");

        var fields = new Fields();
        var ownUnit = EscalationClaims.ActorOf(http.User).UnitCode;
        var scope = reference.FindUnit(unit ?? ownUnit);
        if (scope is null)
            fields.Add("unit", $"there is no unit {unit}.");
        var grouping = fields.Choice<StatsGrouping>(groupBy, "groupBy", required: false) ?? StatsGrouping.Unit;
        var periods = fields.Choice<StatsPeriod>(period, "period", required: false) ?? StatsPeriod.Month;
        var output = Workbook.FormatOf(format, http, fields);
        var today = StatisticFacts.Day(clock.GetUtcNow());
        var last = Day(to, "to", fields) ?? today;
        var first = Day(from, "from", fields) ?? new DateOnly(last.Year, last.Month, 1);
        if (first > last)
            fields.Add("from", "must not be after to.");
        else if (last.DayNumber - first.DayNumber >= MaxDays)
            fields.Add("to", $"a report spans at most {MaxDays} days.");
        if (!fields.AreValid)
            return Problems.Invalid(fields.Errors);
        if (role == Role.Dispatcher && !reference.IsSelfOrAncestor(ownUnit, scope!.Code))
            return Problems.Forbidden("see the statistics of a unit outside its own");

        var within = Within(scope!, reference);
        var report = StatsTable.Build(
            scope!, grouping, periods, first, last,
            await CellsAsync(first, last, within, session, http.RequestAborted),
            await RepeatsAsync(session, first, last, within, http.RequestAborted),
            reference);
        var name = $"stats-{scope!.Code}-{grouping}-{first:yyyy-MM-dd}-{last:yyyy-MM-dd}".ToLowerInvariant();
        return output switch
        {
            StatsFormat.Csv => Workbook.Csv(StatsTable.ToCsv(report), name),
            StatsFormat.Xlsx => Workbook.Xlsx([new("stats", StatsTable.ColumnNames, StatsTable.RowsWithTotals(report).Select(StatsTable.Values))], name),
            _ => Results.Ok(report),
        };
    }

    /// <summary>The codes of the units within <paramref name="scope"/>, or null for the county: everything.</summary>
    public static string[]? Within(Unit scope, ReferenceData reference) =>
        scope.Code == reference.County.Code ? null
        : [.. reference.UnitsWithin(scope.Code).Select(u => u.Code)];

    /// <summary>The day cells from <paramref name="first"/> to <paramref name="last"/> of the units <paramref name="within"/> (null: all).</summary>
    public static async Task<IReadOnlyList<DailyCounts>> CellsAsync(
        DateOnly first, DateOnly last, string[]? within, IQuerySession session, CancellationToken ct)
    {
        var cells = session.Query<DailyCounts>().Where(d => d.Day >= first && d.Day <= last);
        if (within is not null)
            cells = cells.Where(d => within.Contains(d.UnitCode));
        return await cells.ToListAsync(ct);
    }

    /// <summary>
    /// Requests reported in the days asked whose matter was reported in the same grid within the 30 days before: read from
    /// the ticket views, since it compares tickets with each other, by their current category.
    /// </summary>
    private static async Task<IReadOnlyList<RepeatProblem>> RepeatsAsync(
        IQuerySession session, DateOnly first, DateOnly last, string[]? within, CancellationToken ct)
    {
        var start = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), StatisticFacts.ChinaTime);
        var end = new DateTimeOffset(last.AddDays(1).ToDateTime(TimeOnly.MinValue), StatisticFacts.ChinaTime);
        var since = start - RepeatWindow;
        var tickets = await session.Query<TicketView>()
            .Where(t => t.GridCode != null && t.CategoryCode != null && t.ReportedAt >= since && t.ReportedAt < end)
            .Select(t => new { t.Id, t.GridCode, t.CategoryCode, t.ReportedAt, t.VillageCode })
            .ToListAsync(ct);

        // In each grid and matter, by time of report: a request is a repeat when the one before came within the window.
        var repeats = new List<RepeatProblem>();
        foreach (var problem in tickets.GroupBy(t => (t.GridCode, t.CategoryCode)))
        {
            DateTimeOffset? previous = null;
            foreach (var t in problem.OrderBy(t => t.ReportedAt).ThenBy(t => t.Id))
            {
                if (previous >= t.ReportedAt - RepeatWindow && t.ReportedAt >= start && (within is null || within.Contains(t.VillageCode)))
                    repeats.Add(new RepeatProblem(StatisticFacts.Day(t.ReportedAt), t.VillageCode, t.CategoryCode!));
                previous = t.ReportedAt;
            }
        }
        return repeats;
    }

    private static DateOnly? Day(string? text, string field, Fields fields)
    {
        if (text is null)
            return null;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            fields.Add(field, "must be a day, such as 2026-11-30.");
        else if (day < EarliestDay || day > LatestDay)
            fields.Add(field, $"must be a day from {EarliestDay:yyyy-MM-dd} to {LatestDay:yyyy-MM-dd}.");
        else
            return day;
        return null;
    }
}
