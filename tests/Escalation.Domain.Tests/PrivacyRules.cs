namespace Escalation.Domain.Tests;

public class PrivacyRules
{
    [Theory]
    [InlineData(TicketStatus.Reported)]
    [InlineData(TicketStatus.Dispatched)]
    [InlineData(TicketStatus.InHandling)]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Withdrawn)]
    [InlineData(TicketStatus.Merged)]
    public void the_citizens_data_is_erased_in_any_state(TicketStatus status) =>
        Given(In(status))
            .When(new EraseCitizenData(TicketId, Operator))
            .ShouldEmit(new CitizenDataErased(TicketId, Operator, Now));

    [Fact]
    public void the_citizens_data_is_erased_once() =>
        Given([.. ClosedAtEastVillage, new CitizenDataErased(TicketId, Operator, Earlier)])
            .When(new EraseCitizenData(TicketId, Operator))
            .ShouldBeRejectedWith(RuleCodes.CitizenDataAlreadyErased);

    [Fact]
    public void no_event_carries_the_citizens_name_or_phone()
    {
        var properties = EventTypes.All.SelectMany(t => t.GetProperties()).Select(p => p.Name);

        properties.ShouldNotContain(name => name.Contains("Name") || name.Contains("Phone"));
    }
}
