using Escalation.Domain.Reference;
using Escalation.Host.Features.Statistics;
using Escalation.Host.Reference;
using Escalation.Projections.Statistics;
using Microsoft.Extensions.Configuration;

namespace Escalation.IntegrationTests.Callback;

/// <summary>The league table's order, from day cells through the statistics' own sums: ties, small samples, null rates.</summary>
public sealed class RankingTests
{
    private static readonly ReferenceData County = ReferenceDataLoader.Load(new ConfigurationBuilder().Build());
    private static readonly ReportPeriod November = ReportPeriod.Month(new DateOnly(2026, 11, 1));
    private static readonly RankingSettings Settings = new();

    private static DailyCounts Cell(string unit, Counts counts, string? department = null) =>
        new() { Day = new DateOnly(2026, 11, 12), UnitCode = unit, DepartmentCode = department, Counts = counts };

    private static Counts Handled(int dispatched, int inTime, int resolved, int rated, int satisfied) => new()
    {
        Reported = dispatched, Dispatched = dispatched, AcceptedInTime = inTime, Accepted = dispatched, Resolved = resolved, Rated = rated, Satisfied = satisfied,
    };

    [Fact]
    public void ties_share_a_rank_in_code_order_a_zero_satisfaction_ranks_low_a_one_rating_unit_is_marked_and_a_null_rate_comes_last()
    {
        DailyCounts[] cells =
        [
            Cell("SC-T01-V02", Handled(10, 9, 9, 10, 9)),
            Cell("SC-T01-V01", Handled(10, 9, 9, 10, 9)),
            Cell("SC-T01-V03", Handled(10, 10, 10, 10, 5)),
            Cell("SC-T01-V04", Handled(10, 10, 10, 1, 1)),
            Cell("SC-T01-V05", Handled(10, 10, 10, 0, 0)),
            Cell("SC-T01-V06", Handled(5, 5, 5, 5, 0)),
        ];

        var report = RankingsEndpoint.Rank(County.FindUnit("SC-T01")!, RankingOf.Units, November, cells, Settings, County);

        var top = report.Rows.Take(6).Select(r => (r.Rank, r.Key, r.Standing, r.Score)).ToList();
        top.ShouldBe(
        [
            (1, "SC-T01-V01", Standing.Ranked, 90m),
            (1, "SC-T01-V02", Standing.Ranked, 90m),
            (3, "SC-T01-V03", Standing.Ranked, 80m),
            (4, "SC-T01-V06", Standing.Ranked, 60m),
            (null, "SC-T01-V04", Standing.SmallSample, 100m),
            (null, "SC-T01-V05", Standing.NoData, null),
        ]);
        report.Rows.Skip(6).ShouldAllBe(r => r.Standing == Standing.NoData && r.Rank == null);
        report.Rows.Skip(5).Select(r => r.Key).ShouldBe(report.Rows.Skip(5).Select(r => r.Key).Order(StringComparer.Ordinal));
        report.Rows.Count.ShouldBe(County.ChildrenOf("SC-T01").Count(u => u.Kind != UnitKind.Grid));
        report.Rows.Single(r => r.Key == "SC-T01-V04").Rated.ShouldBe(1);
    }

    [Fact]
    public void the_score_is_the_weighted_mean_of_the_rates_with_the_configured_weights()
    {
        var onlySatisfaction = Settings with { Units = new RankingWeights { Satisfaction = 1 } };

        var report = RankingsEndpoint.Rank(County.FindUnit("SC-T01")!, RankingOf.Units, November,
            [Cell("SC-T01-V01", Handled(10, 1, 1, 10, 7)), Cell("SC-T01-V02", Handled(10, 10, 10, 10, 6))], onlySatisfaction, County);

        report.Rows.Take(2).Select(r => (r.Key, r.Score)).ShouldBe([("SC-T01-V01", 70m), ("SC-T01-V02", 60m)]);
    }

    [Fact]
    public void a_departments_received_count_is_its_transfers_and_summonses_and_its_score_weighs_report_in()
    {
        var report = RankingsEndpoint.Rank(County.County, RankingOf.Departments, November,
        [
            Cell("SC", new Counts { Dispatched = 6, AcceptedInTime = 6, Accepted = 6, Resolved = 6, Rated = 6, Satisfied = 6 }, "D-UM"),
            Cell("SC-T01", new Counts { Summoned = 5, ReportedIn = 4 }, "D-UM"),
        ], Settings, County);

        var um = report.Rows.First();
        (um.Key, um.Received, um.Rank, um.ReportInRate, um.Score).ShouldBe(("D-UM", 11, 1, 80m, 96m));
    }
}
