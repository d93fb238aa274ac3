using Escalation.Domain.Reference;
using Escalation.Host.Api;
using Escalation.Host.Auth;
using Escalation.Projections.Statistics;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Statistics;

/// <summary>The league table (排名): the units directly below a unit, or the departments, on a composite score (docs/callback.md).</summary>
public static class RankingsEndpoint
{
    /// <summary>
    /// <c>unit</c> (default: the caller's), <c>period</c> (a month <c>2026-11</c>, a week <c>2026-W48</c> or a day
    /// <c>2026-11-23</c>; default this month), <c>of</c> (units or departments), <c>format</c> (json, csv, xlsx).
    /// </summary>
    [ProducesResponseType<RankingReport>(StatusCodes.Status200OK)]
    [Produces("application/json", "text/csv", Workbook.XlsxType)]
    [WolverineGet("/api/rankings")]
    public static async Task<IResult> Get(
        string? unit, string? period, string? of, string? format, HttpContext http, IQuerySession session, ReferenceData reference, TimeProvider clock)
    {
        var fields = new Fields();
        var (scope, refused) = Scope(unit, http, reference, fields);
        if (refused is not null)
            return refused;
        var ranking = fields.Choice<RankingOf>(of, "of", required: false) ?? RankingOf.Units;
        var span = ReportPeriod.Parse(period, StatisticFacts.Day(clock.GetUtcNow()), fields);
        var output = Workbook.FormatOf(format, http, fields);
        if (!fields.AreValid)
            return Problems.Invalid(fields.Errors);

        var settings = http.RequestServices.GetRequiredService<RankingSettings>();
        var report = await BuildAsync(scope!, ranking, span!, settings, session, reference, http.RequestAborted);
        var name = $"ranking-{scope!.Code}-{ranking}-{span!.Name}".ToLowerInvariant();
        return output switch
        {
            StatsFormat.Csv => Workbook.Csv(Workbook.ToCsv(Ranking.Columns, report.Rows.Select(Ranking.Values)), name),
            StatsFormat.Xlsx => Workbook.Xlsx([new("ranking", Ranking.Columns, report.Rows.Select(Ranking.Values))], name),
            _ => Results.Ok(report),
        };
    }

    public static async Task<RankingReport> BuildAsync(
        Unit scope, RankingOf of, ReportPeriod period, RankingSettings settings, IQuerySession session, ReferenceData reference, CancellationToken ct)
    {
        var cells = await StatsEndpoint.CellsAsync(period.First, period.Last, StatsEndpoint.Within(scope, reference), session, ct);
        return Rank(scope, of, period, cells, settings, reference);
    }

    /// <summary>The ranking from day cells already read: the units directly below the scope (not the scope itself), or every department.</summary>
    public static RankingReport Rank(Unit scope, RankingOf of, ReportPeriod period, IEnumerable<DailyCounts> cells, RankingSettings settings, ReferenceData reference)
    {
        var grouping = of == RankingOf.Units ? StatsGrouping.Unit : StatsGrouping.Department;
        var rows = StatsTable.Build(scope, grouping, period.Kind, period.First, period.Last, cells, [], reference).Rows
            .Where(r => r.Key != scope.Code || of == RankingOf.Departments);
        return Ranking.Rank(scope.Code, of, period, rows, settings);
    }

    /// <summary>The unit asked for, if the caller may see its figures: dispatchers their own unit and below, auditors and administrators any.</summary>
    public static (Unit? Scope, IResult? Refused) Scope(string? unit, HttpContext http, ReferenceData reference, Fields fields)
    {
        var role = EscalationClaims.RoleOf(http.User);
        if (role is not (Role.Dispatcher or Role.Auditor or Role.Administrator))
            return (null, Problems.Forbidden("see the statistics"));
        var ownUnit = EscalationClaims.ActorOf(http.User).UnitCode;
        if (reference.FindUnit(unit ?? ownUnit) is not { } scope)
            return (null, Problems.Invalid("unit", $"there is no unit {unit}."));
        if (role == Role.Dispatcher && !reference.IsSelfOrAncestor(ownUnit, scope.Code))
            return (null, Problems.Forbidden("see the statistics of a unit outside its own"));
        return (scope, null);
    }
}
