using Escalation.Domain;
using Escalation.Domain.Extension;
using Escalation.Domain.Intake;
using Escalation.Domain.Reference;
using Escalation.Domain.Timers;
using Escalation.Domain.Triage;
using Escalation.Projections.Statistics;

namespace Escalation.Projections.Tests;

/// <summary>What each event adds to the statistics, read against the ticket as it stood just before it.</summary>
public class StatisticFactsTests
{
    private static readonly Guid Id = new("1b7d3a52-61f4-4e0b-9d1e-000000000002");
    private static readonly DateTimeOffset At = new(2026, 3, 2, 23, 30, 0, TimeSpan.FromHours(8));
    private static readonly Actor Township = new("disp-SC-T01", "dispatcher", "SC-T01");
    private static readonly Actor Village = new("disp-SC-T01-V01", "dispatcher", "SC-T01-V01");

    private static readonly TicketReported Reported =
        new(Id, new Actor("op-01", "operator", "SC"), At, Channel.Hotline, "路灯不亮", "SC-T01-V01", null, null, "noise", Urgency.Normal, "SC-T01");

    [Fact]
    public void a_report_counts_for_its_village_on_its_china_day()
    {
        StatisticFacts.For(null, Reported).ShouldBe([new CellDelta(new DateOnly(2026, 3, 2), "SC-T01-V01", null, "noise", new Counts { Reported = 1 })],
            new CellDeltaComparer());
    }

    [Fact]
    public void a_triage_that_names_another_matter_moves_the_report_to_it()
    {
        var before = TicketView.Start(Reported);
        var triaged = new TicketTriaged(Id, Township, At.AddHours(1), "street-light", 1, "SC-T01-V01", Tier.Village, "SC-T01");

        StatisticFacts.For(before, triaged).ShouldBe(
        [
            new CellDelta(new DateOnly(2026, 3, 2), "SC-T01-V01", null, "noise", new Counts { Reported = -1 }),
            new CellDelta(new DateOnly(2026, 3, 2), "SC-T01-V01", null, "street-light", new Counts { Reported = 1 }),
            new CellDelta(new DateOnly(2026, 3, 3), "SC-T01-V01", null, "street-light", new Counts { Dispatched = 1 }),
        ], new CellDeltaComparer());
    }

    [Fact]
    public void an_acceptance_after_the_running_accept_deadline_is_counted_late_for_the_holder()
    {
        var before = TicketView.Start(Reported);
        before.When(new TicketTriaged(Id, Township, At, "noise", 1, "SC-T01-V01", Tier.Village, "SC-T01"));
        before.When(new TimeLimitStarted(Id, Township, At, Clock.Accept, "SC-T01-V01", At.AddMinutes(48), At.AddHours(1), null));

        var late = StatisticFacts.For(before, new TicketAccepted(Id, Village, At.AddHours(2))).Single();

        late.ShouldBe(new CellDelta(new DateOnly(2026, 3, 3), "SC-T01-V01", null, "noise", new Counts { Accepted = 1, AcceptedInTime = 0, SignForSeconds = [7200], Flights = 1, AirSeconds = 7200 }), new CellDeltaComparer());
    }

    [Fact]
    public void a_missed_deadline_counts_once_for_the_holder_that_missed_it_on_the_day_of_its_red_light()
    {
        var deadline = At.AddHours(1);
        var limit = new TimeLimitStarted(Id, Township, At, Clock.Accept, "SC-T01-V01", At.AddMinutes(48), deadline, null);
        var red = new WarningLightLit(Id, Actor.System, deadline, Clock.Accept, Light.Red, "SC-T01-V01", deadline, null);
        var before = Folds.View([Reported, new TicketTriaged(Id, Township, At, "noise", 1, "SC-T01-V01", Tier.Village, "SC-T01"), limit]);

        StatisticFacts.For(before, red).ShouldBe([new CellDelta(new DateOnly(2026, 3, 3), "SC-T01-V01", null, "noise", new Counts { MissedDeadlines = 1 })],
            new CellDeltaComparer());
        before.When(red);
        StatisticFacts.For(before, red).ShouldBeEmpty();
    }

    [Fact]
    public void a_close_by_the_system_for_an_unreachable_citizen_is_counted_apart_and_is_no_satisfied_case()
    {
        var resolved = new Domain.Resolution.TicketResolved(Id, Village, At, "已处理", "SC-T01-V01");
        var before = Folds.View([Reported, new TicketTriaged(Id, Township, At, "noise", 1, "SC-T01-V01", Tier.Village, "SC-T01"),
            new TicketAccepted(Id, Village, At), resolved, new Domain.Rating.CitizenUnreachable(Id, Village, At, 3)]);
        var closed = new Domain.Closure.TicketClosed(Id, Actor.System, At, Domain.Closure.ClosedBecause.Unreachable, null);

        StatisticFacts.For(before, closed).ShouldBe(
            [new CellDelta(new DateOnly(2026, 3, 2), "SC-T01-V01", null, "noise", new Counts { Closed = 1, ClosedInTime = 1, ClosedBySystem = 1, ClosedUnreachable = 1 })],
            new CellDeltaComparer());
    }

    /// <summary>Counts is a class of counters: two deltas are the same when every counter is.</summary>
    private sealed class CellDeltaComparer : IEqualityComparer<CellDelta>
    {
        public bool Equals(CellDelta? x, CellDelta? y) =>
            x is not null && y is not null && (x with { Counts = null! }) == (y with { Counts = null! })
            && System.Text.Json.JsonSerializer.Serialize(x.Counts) == System.Text.Json.JsonSerializer.Serialize(y.Counts);

        public int GetHashCode(CellDelta obj) => obj.Id.GetHashCode();
    }

    [Fact]
    public void extensions_count_for_the_holder_of_the_limit_asked_about()
    {
        var before = TicketView.Start(Reported);
        before.When(new TicketTriaged(Id, Township, At, "noise", 1, "SC-T01-V01", Tier.Village, "SC-T01"));
        var deadline = At.AddHours(1);
        var day = new DateOnly(2026, 3, 2);

        StatisticFacts.For(before, new ExtensionRequested(Id, Village, At, Clock.Accept, "SC-T01-V01", null, deadline, deadline.AddHours(2), "等待", "SC-T01"))
            .ShouldBe([new CellDelta(day, "SC-T01-V01", null, "noise", new Counts { ExtensionsRequested = 1 })], new CellDeltaComparer());
        StatisticFacts.For(before, new ExtensionApproved(Id, Township, At, Clock.ReportIn, "D-UM", Guid.NewGuid(), deadline, deadline.AddHours(2), null))
            .ShouldBe([new CellDelta(day, "SC-T01-V01", "D-UM", "noise", new Counts { ExtensionsApproved = 1 })], new CellDeltaComparer());
        StatisticFacts.For(before, new ExtensionRefused(Id, Township, At, Clock.Accept, "SC-T01-V01", null, deadline, "不必"))
            .ShouldBe([new CellDelta(day, "SC-T01-V01", null, "noise", new Counts { ExtensionsRefused = 1 })], new CellDeltaComparer());
    }
}
