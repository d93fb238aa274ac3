using Escalation.Domain.Reference;
using Escalation.Projections;
using Escalation.Projections.Statistics;
using Marten;

namespace Escalation.Host.Features.Statistics;

/// <summary>A rate of the bulletin with its formula, this period's value, the previous period's and the change in points.</summary>
public sealed record BulletinRate(string Key, string Formula, decimal? Value, decimal? Previous, decimal? Change);

/// <summary>A repeat problem: one matter reported again and again in one village or community within the period.</summary>
public sealed record Hotspot(string VillageCode, string CategoryCode, int Count);

/// <summary>
/// The monthly (weekly, daily) bulletin of a unit (通报): the rates with their formulas and the previous period's, the
/// ranking of the units below and of the departments, the ranked below the threshold, and the hotspots.
/// </summary>
public sealed record Bulletin(
    string Unit, string Period, DateOnly From, DateOnly To, string PreviousPeriod,
    StatsRow Total, StatsRow PreviousTotal, IReadOnlyList<BulletinRate> Rates,
    RankingReport Units, RankingReport Departments, decimal Threshold, IReadOnlyList<RankingRow> BelowThreshold, IReadOnlyList<Hotspot> Hotspots);

public static class BulletinBuilder
{
    /// <summary>The hotspots listed: the most reported place × matter pairs, each reported at least twice.</summary>
    public const int Hotspots = 10;

    public static async Task<Bulletin> BuildAsync(
        Unit scope, ReportPeriod period, RankingSettings settings, IQuerySession session, ReferenceData reference, CancellationToken ct)
    {
        var previous = period.Previous();
        var within = StatsEndpoint.Within(scope, reference);
        var cells = await StatsEndpoint.CellsAsync(previous.First, period.Last, within, session, ct);
        var now = cells.Where(c => c.Day >= period.First).ToList();
        var before = cells.Where(c => c.Day <= previous.Last).ToList();

        StatsRow Total(ReportPeriod p, IEnumerable<DailyCounts> c, StatsGrouping g) =>
            StatsTable.Build(scope, g, p.Kind, p.First, p.Last, c, [], reference).Totals.Single();
        var total = Total(period, now, StatsGrouping.Unit);
        var previousTotal = Total(previous, before, StatsGrouping.Unit);
        // Report-ins are counted on the departments, not on the units.
        var departments = Total(period, now, StatsGrouping.Department);
        var previousDepartments = Total(previous, before, StatsGrouping.Department);

        BulletinRate Rate(string key, string formula, Func<StatsRow, decimal?> rate, bool ofDepartments = false)
        {
            var (value, earlier) = ofDepartments ? (rate(departments), rate(previousDepartments)) : (rate(total), rate(previousTotal));
            return new(key, formula, value, earlier, value - earlier);
        }
        BulletinRate[] rates =
        [
            Rate("responseRate", "acceptedInTime / dispatched", r => r.ResponseRate),
            Rate("resolutionRate", "resolved / accepted", r => r.ResolutionRate),
            Rate("citizenConfirmedResolutionRate", "confirmedSolved / solvedAsked", r => r.CitizenConfirmedResolutionRate),
            Rate("closureRate", "closed / reported", r => r.ClosureRate),
            Rate("closedInTimeRate", "closedInTime / closed", r => r.ClosedInTimeRate),
            Rate("satisfactionPerRatingRate", "satisfied / rated", r => r.SatisfactionPerRatingRate),
            Rate("satisfactionPerClosedCaseRate", "closedSatisfied / closed", r => r.SatisfactionPerClosedCaseRate),
            Rate("reportInRate", "reportedIn / summoned", r => r.ReportInRate, ofDepartments: true),
        ];

        var units = RankingsEndpoint.Rank(scope, RankingOf.Units, period, now, settings, reference);
        var ranked = RankingsEndpoint.Rank(scope, RankingOf.Departments, period, now, settings, reference);
        var below = units.Rows.Concat(ranked.Rows).Where(r => r.Standing == Standing.Ranked && r.Score < settings.Threshold).ToList();
        return new Bulletin(
            scope.Code, period.Name, period.First, period.Last, previous.Name, total, previousTotal, rates,
            units, ranked, settings.Threshold, below, await HotspotsAsync(scope, period, session, reference, ct));
    }

    /// <summary>Requests reported in the period within the unit, by village and matter (their current category): the most first, then by code.</summary>
    private static async Task<IReadOnlyList<Hotspot>> HotspotsAsync(Unit scope, ReportPeriod period, IQuerySession session, ReferenceData reference, CancellationToken ct)
    {
        var start = new DateTimeOffset(period.First.ToDateTime(TimeOnly.MinValue), StatisticFacts.ChinaTime);
        var end = new DateTimeOffset(period.Last.AddDays(1).ToDateTime(TimeOnly.MinValue), StatisticFacts.ChinaTime);
        var reported = await session.Query<TicketView>()
            .Where(t => t.CategoryCode != null && t.ReportedAt >= start && t.ReportedAt < end)
            .Select(t => new { t.VillageCode, t.CategoryCode })
            .ToListAsync(ct);
        return [.. reported
            .Where(t => reference.IsSelfOrAncestor(scope.Code, t.VillageCode))
            .GroupBy(t => (t.VillageCode, t.CategoryCode))
            .Select(g => new Hotspot(g.Key.VillageCode, g.Key.CategoryCode!, g.Count()))
            .Where(h => h.Count >= 2)
            .OrderByDescending(h => h.Count).ThenBy(h => h.VillageCode, StringComparer.Ordinal).ThenBy(h => h.CategoryCode, StringComparer.Ordinal)
            .Take(Hotspots)];
    }

    /// <summary>The bulletin as a workbook: its rates, the two rankings, the ranked below the threshold, the hotspots and the totals.</summary>
    public static IReadOnlyList<Sheet> Sheets(Bulletin bulletin) =>
    [
        new("rates", ["key", "formula", "value", "previous", "change"], bulletin.Rates.Select(r => new object?[] { r.Key, r.Formula, r.Value, r.Previous, r.Change })),
        new("units", Ranking.Columns, bulletin.Units.Rows.Select(Ranking.Values)),
        new("departments", Ranking.Columns, bulletin.Departments.Rows.Select(Ranking.Values)),
        new("below-threshold", Ranking.Columns, bulletin.BelowThreshold.Select(Ranking.Values)),
        new("hotspots", ["villageCode", "categoryCode", "count"], bulletin.Hotspots.Select(h => new object?[] { h.VillageCode, h.CategoryCode, h.Count })),
        new("totals", StatsTable.ColumnNames, new[] { bulletin.Total, bulletin.PreviousTotal }.Select(StatsTable.Values)),
    ];
}
