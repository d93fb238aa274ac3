namespace Escalation.Domain.Tests.Reference;

public class ReferenceDataLookupTests
{
    private static readonly ReferenceData County = SampleCounty.Data;

    [Fact]
    public void self_and_ancestors_of_a_grid_climb_through_its_village_and_township_to_the_county()
    {
        County.SelfAndAncestors("SC-T01-V01-G01").Select(u => u.Code)
            .ShouldBe(["SC-T01-V01-G01", "SC-T01-V01", "SC-T01", "SC"]);
    }

    [Fact]
    public void self_and_ancestors_of_an_unknown_code_are_empty()
    {
        County.SelfAndAncestors("SC-T99").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("SC-T01-V01-G01", Tier.Village, "SC-T01-V01")]
    [InlineData("SC-T01-V01-G01", Tier.Township, "SC-T01")]
    [InlineData("SC-T01-V01-G01", Tier.County, "SC")]
    [InlineData("SC-S01-C01-G01", Tier.Village, "SC-S01-C01")]
    [InlineData("SC-S01-C01-G01", Tier.Township, "SC-S01")]
    [InlineData("SC-T01", Tier.Township, "SC-T01")]
    public void at_tier_finds_the_unit_of_that_tier_holding_the_code(string code, Tier tier, string expected)
    {
        County.AtTier(code, tier).ShouldNotBeNull().Code.ShouldBe(expected);
    }

    [Fact]
    public void at_tier_below_the_unit_finds_nothing()
    {
        County.AtTier("SC-T01", Tier.Village).ShouldBeNull();
    }

    [Theory]
    [InlineData("SC-T01-V01-G01", "SC-T01-V01-G01", true)]
    [InlineData("SC-T01-V01", "SC-T01-V01-G01", true)]
    [InlineData("SC-T01", "SC-T01-V01-G01", true)]
    [InlineData("SC", "SC-T01-V01-G01", true)]
    [InlineData("SC-T01-V02", "SC-T01-V01-G01", false)]
    [InlineData("SC-T02", "SC-T01-V01-G01", false)]
    [InlineData("SC-T01-V01-G01", "SC-T01", false)]
    public void is_self_or_ancestor_holds_for_the_unit_and_the_units_above_it_only(string ancestor, string code, bool expected)
    {
        County.IsSelfOrAncestor(ancestor, code).ShouldBe(expected);
    }

    [Fact]
    public void departments_with_power_over_a_matter_are_those_listing_it_in_their_powers()
    {
        County.DepartmentsWithPowerOver("M-EE-02").Select(d => d.Code).ShouldBe(["D-EE", "D-FR", "D-AG"], ignoreOrder: true);
    }

    [Fact]
    public void no_department_has_power_over_an_unknown_matter()
    {
        County.DepartmentsWithPowerOver("M-XX-99").ShouldBeEmpty();
    }

    [Fact]
    public void finds_return_null_for_unknown_or_null_codes()
    {
        County.FindUnit(null).ShouldBeNull();
        County.FindUnit("SC-T99").ShouldBeNull();
        County.FindDepartment("D-XX").ShouldBeNull();
        County.FindMatter("M-XX-99").ShouldBeNull();
        County.FindUser("nobody").ShouldBeNull();
    }

    [Fact]
    public void a_user_is_found_by_id_with_their_role_and_unit()
    {
        County.FindUser("dept-D-UM").ShouldNotBeNull().ShouldSatisfyAllConditions(
            u => u.Role.ShouldBe(Role.Department),
            u => u.UnitCode.ShouldBe("D-UM"));
    }
}
