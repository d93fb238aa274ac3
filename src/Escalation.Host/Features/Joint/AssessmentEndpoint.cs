using System.Globalization;
using Escalation.Domain;
using Escalation.Domain.Reference;
using Escalation.Host.Api;
using Escalation.Host.Auth;
using Escalation.Host.Features.Statistics;
using Escalation.Projections;
using Escalation.Projections.Statistics;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Joint;

/// <summary>The two-way assessment of whistles and report-ins (吹哨报到双考核): per department and per whistling unit, per month or year.</summary>
public static class AssessmentEndpoint
{
    /// <summary>
    /// The assessment within a unit (default: the caller's) for a China month (<c>month=2026-11</c>, default: this one)
    /// or year (<c>period=year&amp;year=2026</c>): JSON, or CSV / xlsx with <c>format</c> (CSV: the side asked for with
    /// <c>side</c>; xlsx: both sheets).
    /// </summary>
    [ProducesResponseType<AssessmentReport>(StatusCodes.Status200OK)]
    [Produces("application/json", "text/csv")]
    [WolverineGet("/api/assessment")]
    public static async Task<IResult> Get(
        [AsParameters] AssessmentQuery query, HttpContext http, IQuerySession session, ReferenceData reference, CountySettings settings, TimeProvider clock)
    {
        var role = EscalationClaims.RoleOf(http.User);
        if (role is not (Role.Dispatcher or Role.Auditor or Role.Administrator))
            return Problems.Forbidden("see the assessment");
        var fields = new Fields();
        var ownUnit = EscalationClaims.ActorOf(http.User).UnitCode;
        var scope = reference.FindUnit(query.Unit ?? ownUnit);
        if (scope is null)
            fields.Add("unit", $"there is no unit {query.Unit}.");
        var period = fields.Choice<AssessmentPeriod>(query.Period, "period", required: false) ?? AssessmentPeriod.Month;
        var side = fields.Choice<AssessmentSide>(query.Side, "side", required: false) ?? AssessmentSide.Departments;
        var output = Workbook.FormatOf(query.Format, http, fields);
        var today = StatisticFacts.Day(clock.GetUtcNow());
        var (first, name) = period == AssessmentPeriod.Month ? Month(query.Month, today, fields) : Year(query.Year, today, fields);
        if (!fields.AreValid)
            return Problems.Invalid(fields.Errors);
        if (role == Role.Dispatcher && !reference.IsSelfOrAncestor(ownUnit, scope!.Code))
            return Problems.Forbidden("see the assessment of a unit outside its own");

        var report = await BuildAsync(session, reference, settings, scope!, period, first, name, http.RequestAborted);
        var file = $"assessment-{scope!.Code}-{name}".ToLowerInvariant();
        return output switch
        {
            StatsFormat.Csv => Workbook.Csv(side == AssessmentSide.Departments
                ? Workbook.ToCsv(Assessment.DepartmentColumns, report.Departments.Select(Assessment.Values))
                : Workbook.ToCsv(Assessment.WhistlerColumns, report.Whistlers.Select(Assessment.Values)), $"{file}-{Fields.Name(side)}"),
            StatsFormat.Xlsx => Workbook.Xlsx(
                [
                    new("departments", Assessment.DepartmentColumns, report.Departments.Select(Assessment.Values)),
                    new("whistlers", Assessment.WhistlerColumns, report.Whistlers.Select(Assessment.Values)),
                ], file),
            _ => Results.Ok(report),
        };
    }

    /// <summary>The report of a period starting on <paramref name="first"/> (a China month or year), for the API and the board.</summary>
    public static async Task<AssessmentReport> BuildAsync(
        IQuerySession session, ReferenceData reference, CountySettings settings, Unit scope, AssessmentPeriod period, DateOnly first, string name, CancellationToken ct)
    {
        var from = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), StatisticFacts.ChinaTime);
        var to = period == AssessmentPeriod.Month ? from.AddMonths(1) : from.AddYears(1);
        // A ticket whose first joint work came before the period's end, and which holds any whistle or part: its
        // whistles and parts are then sorted by their own times.
        var tickets = await session.Query<TicketView>().Where(t => t.Joint.FirstAt != null && t.Joint.FirstAt < to).ToListAsync(ct);
        return Assessment.Build(scope, period, name, from, to, tickets.Where(t => t.Joint.LastAt >= from), reference, settings.AssessmentWeight);
    }

    public static (DateOnly First, string Name) Month(string? text, DateOnly today, Fields fields)
    {
        if (text is null)
            return (new DateOnly(today.Year, today.Month, 1), $"{today:yyyy-MM}");
        if (DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && day >= StatsEndpoint.EarliestDay && day <= StatsEndpoint.LatestDay)
            return (day, text);
        fields.Add("month", "must be a month such as 2026-11.");
        return (today, text);
    }

    public static (DateOnly First, string Name) Year(string? text, DateOnly today, Fields fields)
    {
        if (text is null)
            return (new DateOnly(today.Year, 1, 1), $"{today.Year}");
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= StatsEndpoint.EarliestDay.Year && year <= StatsEndpoint.LatestDay.Year)
            return (new DateOnly(year, 1, 1), text);
        fields.Add("year", "must be a year such as 2026.");
        return (today, text);
    }
}

/// <summary>The assessment's query: unit, period (month, year), month (2026-11) or year (2026), side (departments, whistlers) for the CSV, format.</summary>
public sealed class AssessmentQuery
{
    [FromQuery(Name = "unit")]
    public string? Unit { get; set; }

    [FromQuery(Name = "period")]
    public string? Period { get; set; }

    [FromQuery(Name = "month")]
    public string? Month { get; set; }

    [FromQuery(Name = "year")]
    public string? Year { get; set; }

    [FromQuery(Name = "side")]
    public string? Side { get; set; }

    [FromQuery(Name = "format")]
    public string? Format { get; set; }
}
