using Escalation.Domain.Reference;
using Escalation.Host.Api;
using Escalation.Projections.Statistics;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Statistics;

public static class BulletinEndpoint
{
    /// <summary>
    /// The bulletin of <c>unit</c> (default: the caller's) for <c>period</c> (a month, an ISO week or a day, as for the
    /// rankings; default this month), as JSON, or as an xlsx workbook with <c>format=xlsx</c> (CSV: its rates).
    /// </summary>
    [ProducesResponseType<Bulletin>(StatusCodes.Status200OK)]
    [Produces("application/json", "text/csv", Workbook.XlsxType)]
    [WolverineGet("/api/bulletin")]
    public static async Task<IResult> Get(
        string? unit, string? period, string? format, HttpContext http, IQuerySession session, ReferenceData reference, TimeProvider clock)
    {
        var fields = new Fields();
        var (scope, refused) = RankingsEndpoint.Scope(unit, http, reference, fields);
        if (refused is not null)
            return refused;
        var span = ReportPeriod.Parse(period, StatisticFacts.Day(clock.GetUtcNow()), fields);
        var output = Workbook.FormatOf(format, http, fields);
        if (!fields.AreValid)
            return Problems.Invalid(fields.Errors);

        var bulletin = await BulletinBuilder.BuildAsync(scope!, span!, http.RequestServices.GetRequiredService<RankingSettings>(), session, reference, http.RequestAborted);
        var name = $"bulletin-{scope!.Code}-{span!.Name}".ToLowerInvariant();
        var sheets = BulletinBuilder.Sheets(bulletin);
        return output switch
        {
            StatsFormat.Xlsx => Workbook.Xlsx(sheets, name),
            StatsFormat.Csv => Workbook.Csv(Workbook.ToCsv(sheets[0].Columns, sheets[0].Rows), name),
            _ => Results.Ok(bulletin),
        };
    }
}
