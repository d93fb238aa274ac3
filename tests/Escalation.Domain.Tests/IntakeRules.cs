namespace Escalation.Domain.Tests;

public class IntakeRules
{
    private static ReportTicket Report(
        string? village = EastVillage,
        string? grid = null,
        string description = Description,
        string? category = null,
        string? address = "East Road 3",
        string? name = "Li Hua",
        string? phone = "138 0013 8000") =>
        new(TicketId, Operator, Channel.Hotline, description, village, grid, address, category, Urgency.Normal, name, phone);

    private static Decision Decide(ReportTicket command) => command.Decide(Context());

    [Fact]
    public void a_report_opens_the_ticket_held_by_the_township_of_its_location() =>
        Decide(Report(category: Noise)).ShouldEmit(new TicketReported(
            TicketId, Operator, Now, Channel.Hotline, Description, EastVillage, null, "East Road 3", Noise, Urgency.Normal, Dongping));

    [Fact]
    public void a_report_carries_the_number_the_host_drew_for_it() =>
        Decide(Report() with { Number = "SC20261123-0007" }).ShouldEmit(new TicketReported(
            TicketId, Operator, Now, Channel.Hotline, Description, EastVillage, null, "East Road 3", null, Urgency.Normal, Dongping, "SC20261123-0007"));

    [Fact]
    public void a_report_in_a_community_is_held_by_its_street() =>
        Decide(Report(village: LakesideCommunity)).ShouldEmit(new TicketReported(
            TicketId, Operator, Now, Channel.Hotline, Description, LakesideCommunity, null, "East Road 3", null, Urgency.Normal, Nanhu));

    [Fact]
    public void a_grid_resolves_to_its_village() =>
        Decide(Report(village: null, grid: EastGrid)).ShouldEmit(new TicketReported(
            TicketId, Operator, Now, Channel.Hotline, Description, EastVillage, EastGrid, "East Road 3", null, Urgency.Normal, Dongping));

    [Fact]
    public void a_grid_must_lie_in_the_given_village() =>
        Decide(Report(village: WestVillage, grid: EastGrid)).ShouldBeRejectedWith(RuleCodes.GridNotInVillage);

    [Fact]
    public void a_village_or_a_grid_is_required() =>
        Decide(Report(village: null, grid: " ")).ShouldBeRejectedWith(RuleCodes.LocationRequired);

    [Theory]
    [InlineData("no-such-village", null)]
    [InlineData(Dongping, null)]
    [InlineData(EastGrid, null)]
    [InlineData(null, "no-such-grid")]
    [InlineData(null, EastVillage)]
    public void the_village_or_grid_must_exist_as_such(string? village, string? grid) =>
        Decide(Report(village: village, grid: grid)).ShouldBeRejectedWith(RuleCodes.UnknownLocation);

    [Fact]
    public void a_category_given_at_intake_must_exist() =>
        Decide(Report(category: "no-such-matter")).ShouldBeRejectedWith(RuleCodes.UnknownCategory);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void a_description_is_required(string description) =>
        Decide(Report(description: description)).ShouldBeRejectedWith(RuleCodes.DescriptionRequired);

    [Fact]
    public void a_description_may_be_4000_characters_long_and_no_longer()
    {
        Decide(Report(description: new string('x', 4000))).IsRejected.ShouldBeFalse();
        Decide(Report(description: new string('x', 4001))).ShouldBeRejectedWith(RuleCodes.DescriptionTooLong);
    }

    [Fact]
    public void an_address_may_be_500_characters_long_and_no_longer()
    {
        Decide(Report(address: new string('x', 500))).IsRejected.ShouldBeFalse();
        Decide(Report(address: new string('x', 501))).ShouldBeRejectedWith(RuleCodes.AddressTooLong);
    }

    [Fact]
    public void a_citizen_name_may_be_50_characters_long_and_no_longer()
    {
        Decide(Report(name: new string('李', 50))).IsRejected.ShouldBeFalse();
        Decide(Report(name: new string('李', 51))).ShouldBeRejectedWith(RuleCodes.CitizenNameTooLong);
    }

    [Fact]
    public void a_citizen_may_stay_anonymous() =>
        Decide(Report(name: null, phone: null)).IsRejected.ShouldBeFalse();

    [Theory]
    [InlineData("13800138000")]
    [InlineData("+86 138-0013-8000")]
    [InlineData("12345")]
    [InlineData("12345678901234567890")]
    public void a_plausible_phone_is_accepted(string phone) =>
        Decide(Report(phone: phone)).IsRejected.ShouldBeFalse();

    [Theory]
    [InlineData("")]
    [InlineData("1234")]
    [InlineData("123456789012345678901")]
    [InlineData("138.0013.8000")]
    [InlineData("+86+13800138000")]
    [InlineData("call me")]
    public void an_implausible_phone_is_refused(string phone) =>
        Decide(Report(phone: phone)).ShouldBeRejectedWith(RuleCodes.ImplausiblePhone);
}
