
namespace Escalation.Domain.Tests.Timers;

/// <summary>Which time limits a decision's events start.</summary>
public class TimekeepingRules
{
    private static IReadOnlyList<TimeLimitStarted> Started(object[] history, params object[] events) =>
        Timekeeping.ClocksStartedBy(Given(history), events, Context());

    [Fact]
    public void a_dispatch_starts_the_clock_to_accept_for_the_new_holder()
    {
        var clock = Started(ReportedAtDongping, Triaged(DongpingDispatcher, EastVillage, Tier.Village)).ShouldHaveSingleItem();

        clock.Clock.ShouldBe(Clock.Accept);
        clock.Holder.ShouldBe(EastVillage);
        clock.At.ShouldBe(Now);
        clock.Deadline.ShouldBeGreaterThan(Now);
        clock.YellowAt.ShouldBeInRange(Now, clock.Deadline);
    }

    [Fact]
    public void an_escalation_starts_the_clock_to_accept_one_tier_up() =>
        Started(InHandlingAtEastVillage, Escalated(EastVillageLiaison, EastVillage, Dongping, Tier.Village, Tier.Township))
            .ShouldHaveSingleItem().Holder.ShouldBe(Dongping);

    [Fact]
    public void an_acceptance_starts_the_clock_to_resolve() =>
        Started(DispatchedToEastVillage, Accepted(EastVillageLiaison)).ShouldHaveSingleItem().Clock.ShouldBe(Clock.Resolve);

    [Fact]
    public void a_whistle_starts_a_report_in_clock_per_department_ending_at_its_deadline()
    {
        var whistle = WhistleBlownBy(DongpingDispatcher, UrbanManagement, MarketRegulation);

        var clocks = Started(InHandlingAtDongping, whistle);

        clocks.Select(c => c.Holder).ShouldBe([UrbanManagement, MarketRegulation]);
        clocks.ShouldAllBe(c => c.Clock == Clock.ReportIn && c.WhistleId == whistle.WhistleId && c.Deadline == whistle.ReportInDeadline);
    }

    [Fact]
    public void notes_and_urgings_start_nothing() =>
        Started(InHandlingAtEastVillage, new Resolution.ProgressNoted(TicketId, EastVillageLiaison, Now, "on it")).ShouldBeEmpty();
}
