namespace Escalation.Domain.Tests;

public class WithdrawalRules
{
    [Theory]
    [InlineData(TicketStatus.Reported)]
    [InlineData(TicketStatus.Dispatched)]
    [InlineData(TicketStatus.InHandling)]
    public void the_citizen_withdraws_a_request_before_it_is_resolved(TicketStatus status) =>
        Given(In(status))
            .When(new WithdrawTicket(TicketId, Operator, "The neighbours settled it."))
            .ShouldEmit(new TicketWithdrawn(TicketId, Operator, Now, "The neighbours settled it."));

    [Fact]
    public void a_withdrawal_needs_a_reason() =>
        Given(ReportedAtDongping)
            .When(new WithdrawTicket(TicketId, Operator, " "))
            .ShouldBeRejectedWith(RuleCodes.ReasonRequired);
}
