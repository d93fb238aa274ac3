using Escalation.Domain.Reference;
using Escalation.Projections;

namespace Escalation.Host.Features.Joint;

public enum AssessmentSide { Departments, Whistlers }

public enum AssessmentPeriod { Month, Year }

/// <summary>
/// A summoned party's row (a department, or a township its village summoned): report-in, its parts, how the whistling
/// units evaluated it, and its score with the county's weight.
/// </summary>
public sealed record DepartmentAssessment(
    string Code, string NameZh, string NameEn,
    int Summoned, int ReportedIn, int ReportedInOnTime, int ReportInsMissed, int SummonsReturned, decimal? ReportInRate,
    int Parts, int PartsFedBack, int PartsOnTime, decimal? OnTimePartsRate,
    int Evaluations, decimal? MeanScore, decimal? MeanAttitude, decimal? MeanResult, int EvaluatedOnTime,
    int WhistlesJudged, int JudgedFrivolous,
    decimal? Score, decimal Weight, decimal? WeightedScore);

/// <summary>A whistling unit's row: its whistles, how they were answered, the conferences, and how the departments judged them.</summary>
public sealed record WhistlerAssessment(
    string Code, string NameZh, string NameEn,
    int Whistles, int Summoned, int ReportedIn, decimal? ReportInRate, int Conferences, int Parts, int PartsOnTime,
    int EvaluationsGiven, int WhistlesJudged, int Frivolous, decimal? FrivolousRate, decimal? Score);

/// <summary>The two-way assessment (吹哨报到双考核) of a period, within a unit.</summary>
public sealed record AssessmentReport(
    string Unit, AssessmentPeriod Period, string Name, DateTimeOffset From, DateTimeOffset To, decimal Weight,
    IReadOnlyList<DepartmentAssessment> Departments, IReadOnlyList<WhistlerAssessment> Whistlers);

/// <summary>
/// The two-way assessment from the tickets' joint views. Each figure counts in the period of the whistle (or the
/// co-handler dispatch) it belongs to: a whistle blown in November and evaluated in December counts in November, so a
/// month's figures are complete once its whistles' steps are. Only whistles blown by units within the scope, and
/// co-handler parts dispatched by them, count.
/// </summary>
public static class Assessment
{
    public static AssessmentReport Build(
        Unit scope, AssessmentPeriod period, string name, DateTimeOffset from, DateTimeOffset to,
        IEnumerable<TicketView> tickets, ReferenceData reference, double weight)
    {
        var within = reference.UnitsWithin(scope.Code).Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        bool In(DateTimeOffset at) => at >= from && at < to;
        var views = tickets.Select(t => t.Joint).ToList();
        var whistles = views.SelectMany(j => j.Whistles.Select(w => (Whistle: w, Joint: j))).Where(x => In(x.Whistle.BlownAt) && within.Contains(x.Whistle.BlownBy)).ToList();
        var whistleIds = whistles.Select(w => w.Whistle.Id).ToHashSet();
        var parts = views.SelectMany(j => j.Parts)
            .Where(p => p.WhistleId is { } id ? whistleIds.Contains(id) : In(p.AssignedAt) && within.Contains(p.AssignedBy))
            .ToList();
        var w = (decimal)weight;

        var parties = whistles.SelectMany(x => x.Whistle.Summoned).Concat(parts.Select(p => p.Party)).Distinct().Order(StringComparer.Ordinal);
        var departments = parties.Select(code =>
        {
            var summoning = whistles.Where(x => x.Whistle.Summoned.Contains(code)).Select(x => x.Whistle).ToList();
            var reportIns = summoning.SelectMany(x => x.ReportIns.Where(r => r.Party == code).Select(r => (r, x.ReportInDeadline))).ToList();
            var own = parts.Where(p => p.Party == code).ToList();
            var evaluations = summoning.SelectMany(x => x.Evaluations.Where(e => e.Party == code)).ToList();
            var judged = summoning.SelectMany(x => x.Judgements.Where(j => j.Party == code)).ToList();
            var (zh, en) = Names(code, reference);
            var score = Mean(evaluations.Select(e => (decimal)e.Score));
            return new DepartmentAssessment(
                code, zh, en,
                summoning.Count, reportIns.Count, reportIns.Count(r => r.r.At <= r.ReportInDeadline), summoning.Count(x => x.Missed.Contains(code)),
                summoning.Count(x => x.Returns.Any(r => r.Party == code)), Rate(reportIns.Count, summoning.Count),
                own.Count, own.Count(p => p.FedBackAt is not null), own.Count(p => p.OnTime), Rate(own.Count(p => p.OnTime), own.Count),
                evaluations.Count, score, Mean(evaluations.Select(e => (decimal)e.Attitude)), Mean(evaluations.Select(e => (decimal)e.Result)),
                evaluations.Count(e => e.OnTime), judged.Count, judged.Count(j => j.Frivolous),
                score, w, score is { } s ? Math.Round(s * w, 2) : null);
        }).ToList();

        var whistlers = whistles.GroupBy(x => x.Whistle.BlownBy).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var own = g.Select(x => x.Whistle).ToList();
            var ids = own.Select(x => x.Id).ToHashSet();
            var ownParts = parts.Where(p => p.WhistleId is { } id && ids.Contains(id)).ToList();
            var summoned = own.Sum(x => x.Summoned.Count);
            var reportedIn = own.Sum(x => x.ReportIns.Count);
            var judged = own.Sum(x => x.Judgements.Count);
            var frivolous = own.Sum(x => x.Judgements.Count(j => j.Frivolous));
            var (zh, en) = Names(g.Key, reference);
            return new WhistlerAssessment(
                g.Key, zh, en, own.Count, summoned, reportedIn, Rate(reportedIn, summoned), own.Count(x => x.Conference is not null),
                ownParts.Count, ownParts.Count(p => p.OnTime), own.Sum(x => x.Evaluations.Count), judged, frivolous, Rate(frivolous, judged),
                judged == 0 ? null : Math.Round(100m * (judged - frivolous) / judged, 2));
        }).ToList();

        return new AssessmentReport(scope.Code, period, name, from, to, w, departments, whistlers);
    }

    public static readonly string[] DepartmentColumns =
    [
        "code", "nameZh", "nameEn", "summoned", "reportedIn", "reportedInOnTime", "reportInsMissed", "summonsReturned", "reportInRate",
        "parts", "partsFedBack", "partsOnTime", "onTimePartsRate", "evaluations", "meanScore", "meanAttitude", "meanResult", "evaluatedOnTime",
        "whistlesJudged", "judgedFrivolous", "score", "weight", "weightedScore",
    ];

    public static object?[] Values(DepartmentAssessment d) =>
    [
        d.Code, d.NameZh, d.NameEn, d.Summoned, d.ReportedIn, d.ReportedInOnTime, d.ReportInsMissed, d.SummonsReturned, d.ReportInRate,
        d.Parts, d.PartsFedBack, d.PartsOnTime, d.OnTimePartsRate, d.Evaluations, d.MeanScore, d.MeanAttitude, d.MeanResult, d.EvaluatedOnTime,
        d.WhistlesJudged, d.JudgedFrivolous, d.Score, d.Weight, d.WeightedScore,
    ];

    public static readonly string[] WhistlerColumns =
    [
        "code", "nameZh", "nameEn", "whistles", "summoned", "reportedIn", "reportInRate", "conferences", "parts", "partsOnTime",
        "evaluationsGiven", "whistlesJudged", "frivolous", "frivolousRate", "score",
    ];

    public static object?[] Values(WhistlerAssessment w) =>
    [
        w.Code, w.NameZh, w.NameEn, w.Whistles, w.Summoned, w.ReportedIn, w.ReportInRate, w.Conferences, w.Parts, w.PartsOnTime,
        w.EvaluationsGiven, w.WhistlesJudged, w.Frivolous, w.FrivolousRate, w.Score,
    ];

    /// <summary>A percentage with two decimals, or null when nothing was counted.</summary>
    private static decimal? Rate(int count, int of) => of == 0 ? null : Math.Round(100m * count / of, 2);

    private static decimal? Mean(IEnumerable<decimal> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? null : Math.Round(list.Average(), 2);
    }

    private static (string Zh, string En) Names(string code, ReferenceData reference) =>
        reference.FindDepartment(code) is { } d ? (d.NameZh, d.NameEn)
        : reference.FindUnit(code) is { } u ? (u.NameZh, u.NameEn)
        : (code, code);
}
