namespace Escalation.Domain.Tests;

public class MergingRules
{
    private static readonly Ticket OpenMaster = Given(InHandlingAtEastVillage) with { Id = MasterId };

    private static readonly MergeTicket Merge = new(TicketId, DongpingDispatcher, MasterId);

    private static readonly AttachDuplicate Attach = new(MasterId, DongpingDispatcher, TicketId);

    [Theory]
    [InlineData(TicketStatus.Reported)]
    [InlineData(TicketStatus.Dispatched)]
    [InlineData(TicketStatus.InHandling)]
    [InlineData(TicketStatus.Resolved)]
    public void an_open_duplicate_is_merged_into_its_master_on_both_streams(TicketStatus status)
    {
        var turn = Given(In(status)).Turn(Merge);

        turn.Events.ShouldBe([new TicketMergedInto(TicketId, DongpingDispatcher, Now, MasterId)]);
        turn.FollowUps.ShouldBe([new FollowUp.OnTicket(Attach, Required: true)]);
        OpenMaster.When(Attach).ShouldEmit(new DuplicateAttached(MasterId, DongpingDispatcher, Now, TicketId));
    }

    [Theory]
    [InlineData(TicketStatus.Reported)]
    [InlineData(TicketStatus.Resolved)]
    public void the_master_may_be_in_any_open_state(TicketStatus status) =>
        (Given(In(status)) with { Id = MasterId }).When(Attach)
            .ShouldEmit(new DuplicateAttached(MasterId, DongpingDispatcher, Now, TicketId));

    [Theory]
    [InlineData(TicketStatus.Closed, RuleCodes.InvalidState)]
    [InlineData(TicketStatus.Withdrawn, RuleCodes.InvalidState)]
    [InlineData(TicketStatus.Merged, RuleCodes.TicketMerged)]
    public void a_duplicate_that_is_no_longer_open_is_not_merged(TicketStatus status, string code)
    {
        var turn = Given(In(status)).Turn(Merge);

        turn.Rejection.ShouldNotBeNull().Code.ShouldBe(code);
        turn.FollowUps.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Withdrawn)]
    [InlineData(TicketStatus.Merged)]
    public void a_master_that_is_no_longer_open_takes_no_duplicates(TicketStatus status)
    {
        var master = Given(In(status)) with { Id = MasterId };

        master.When(Attach).ShouldBeRejectedWith(RuleCodes.MasterNotOpen);
    }

    [Fact]
    public void a_ticket_is_not_merged_into_itself() =>
        new MergeTicket(TicketId, DongpingDispatcher, TicketId)
            .Decide(Given(ReportedAtDongping), Context())
            .ShouldBeRejectedWith(RuleCodes.MergeIntoItself);

    [Theory]
    [InlineData(Dongping)]
    [InlineData(County)]
    public void a_unit_above_the_duplicates_holder_merges_it(string unit) =>
        new MergeTicket(TicketId, CountyDispatcher with { UnitCode = unit }, MasterId)
            .Decide(Given(InHandlingAtEastVillage), Context())
            .IsRejected.ShouldBeFalse();

    [Fact]
    public void the_duplicates_holder_merges_it() =>
        new MergeTicket(TicketId, EastVillageLiaison, MasterId)
            .Decide(Given(InHandlingAtEastVillage), Context())
            .ShouldEmit(new TicketMergedInto(TicketId, EastVillageLiaison, Now, MasterId));

    [Theory]
    [InlineData(WestVillage)]
    [InlineData(Xiping)]
    [InlineData(UrbanManagement)]
    public void only_the_duplicates_holder_or_a_unit_above_it_merges_it(string unit)
    {
        var merge = new MergeTicket(TicketId, WestVillageLiaison with { UnitCode = unit }, MasterId);

        Given(InHandlingAtEastVillage).When(merge).ShouldBeRejectedWith(RuleCodes.NotHolderOrAbove);
    }

    [Fact]
    public void a_merged_duplicate_closes_with_its_master() =>
        Given(MergedIntoMaster)
            .When(new CloseWithMaster(TicketId, Actor.System))
            .ShouldEmit(new TicketClosed(TicketId, Actor.System, Now, ClosedBecause.WithMaster, null));

    [Theory]
    [InlineData(TicketStatus.Reported)]
    [InlineData(TicketStatus.Dispatched)]
    [InlineData(TicketStatus.InHandling)]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Withdrawn)]
    public void only_a_merged_duplicate_closes_with_a_master(TicketStatus status) =>
        Given(In(status))
            .When(new CloseWithMaster(TicketId, Actor.System))
            .ShouldBeRejectedWith(RuleCodes.InvalidState);

    [Fact]
    public void a_duplicate_closes_with_its_master_once() =>
        Given([.. MergedIntoMaster, Closed(ClosedBecause.WithMaster)])
            .When(new CloseWithMaster(TicketId, Actor.System))
            .ShouldBeRejectedWith(RuleCodes.InvalidState);

    [Fact]
    public void a_closed_duplicate_still_follows_its_master() =>
        Given([.. MergedIntoMaster, Closed(ClosedBecause.WithMaster)])
            .When(new ReopenTicket(TicketId, CountyDispatcher, "Still a problem."))
            .ShouldBeRejectedWith(RuleCodes.TicketMerged);
}
