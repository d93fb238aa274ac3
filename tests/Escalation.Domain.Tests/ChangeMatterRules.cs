namespace Escalation.Domain.Tests;

/// <summary>A change of matter (category) while in handling, by a dispatcher above the holder: the limits follow the new class.</summary>
public class ChangeMatterRules
{
    private static readonly DateTimeOffset AcceptedAt = Now.AddMinutes(-10);

    private static readonly object[] HandledWithClocks =
    [
        .. InHandlingAtEastVillage,
        new TimeLimitStarted(TicketId, EastVillageLiaison, AcceptedAt, Clock.Resolve, EastVillage, AcceptedAt.AddMinutes(24), AcceptedAt.AddMinutes(30), null),
        new TimeLimitStarted(TicketId, Operator, Earlier, Clock.Case, County, Earlier.AddDays(5.6), Earlier.AddDays(7), null),
    ];

    [Fact]
    public void the_township_changes_the_matter_and_the_limit_to_resolve_and_the_whole_case_follow_the_new_class()
    {
        var policy = TestCounty.Reference.TimeLimits;
        var resolve = policy.DeadlineFor(Clock.Resolve, TimeLimitClass.Enforcement, Urgency.Normal, Tier.Village, AcceptedAt);
        var wholeCase = policy.DeadlineFor(Clock.Case, TimeLimitClass.Enforcement, Urgency.Normal, Tier.Township, Earlier);

        var turn = Given(HandledWithClocks).Turn(new ChangeMatter(TicketId, DongpingDispatcher, IllegalConstruction, "Found to be a building matter."));

        turn.Events.ShouldBe(
        [
            new MatterChanged(TicketId, DongpingDispatcher, Now, Noise, IllegalConstruction, 2, "Found to be a building matter."),
            new TimeLimitStarted(TicketId, DongpingDispatcher, Now, Clock.Resolve, EastVillage, resolve.YellowAt, resolve.DueAt, null, TimeLimitMeasure.WorkingTime,
                "1 working day", "timeLimits.resolve.enforcement.village", "test-1"),
            new TimeLimitStarted(TicketId, DongpingDispatcher, Now, Clock.Case, County, wholeCase.YellowAt, wholeCase.DueAt, null, TimeLimitMeasure.ClockTime,
                "15 days", "timeLimits.case.enforcement", "test-1"),
        ]);
        resolve.DueAt.ShouldBeGreaterThan(AcceptedAt.AddMinutes(30));
        Given([.. HandledWithClocks, turn.Events[0]]).CategoryCode.ShouldBe(IllegalConstruction);
    }

    [Fact]
    public void a_matter_of_the_same_class_moves_no_limit()
    {
        var turn = Given(HandledWithClocks).Turn(new ChangeMatter(TicketId, DongpingDispatcher, BlockedDrain, "A drain, not noise."));

        turn.Events.ShouldHaveSingleItem().ShouldBeOfType<MatterChanged>();
    }

    [Fact]
    public void the_holder_may_not_choose_its_own_matter_and_the_matter_must_be_another_known_one_with_a_reason()
    {
        var state = Given(HandledWithClocks);

        state.When(new ChangeMatter(TicketId, EastVillageLiaison, IllegalConstruction, "Ours is bigger.")).ShouldBeRejectedWith(RuleCodes.NotAboveHolder);
        state.When(new ChangeMatter(TicketId, DongpingDispatcher, "no-such-matter", "Why.")).ShouldBeRejectedWith(RuleCodes.UnknownCategory);
        state.When(new ChangeMatter(TicketId, DongpingDispatcher, Noise, "Same.")).ShouldBeRejectedWith(RuleCodes.MatterUnchanged);
        state.When(new ChangeMatter(TicketId, DongpingDispatcher, IllegalConstruction, " ")).ShouldBeRejectedWith(RuleCodes.ReasonRequired);
        Given(InHandlingAtCounty).When(new ChangeMatter(TicketId, CountyDispatcher, LandDispute, "A dispute.")).Rejection.ShouldBeNull();
    }
}
