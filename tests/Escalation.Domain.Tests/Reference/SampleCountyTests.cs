namespace Escalation.Domain.Tests.Reference;

public class SampleCountyTests
{
    private static readonly ReferenceData County = SampleCounty.Data;

    private static int CountOf(UnitKind kind) => County.Units.Count(u => u.Kind == kind);

    [Fact]
    public void the_sample_county_loads_with_its_version_and_a_single_county()
    {
        County.Version.ShouldBe("2026.1");
        County.County.Code.ShouldBe("SC");
        CountOf(UnitKind.County).ShouldBe(1);
    }

    [Fact]
    public void the_sample_county_has_fourteen_townships_and_streets_eleven_and_three()
    {
        CountOf(UnitKind.Township).ShouldBe(11);
        CountOf(UnitKind.Street).ShouldBe(3);
    }

    [Fact]
    public void the_sample_county_has_at_least_150_villages_and_communities()
    {
        (CountOf(UnitKind.Village) + CountOf(UnitKind.Community)).ShouldBeGreaterThanOrEqualTo(150);
        CountOf(UnitKind.Community).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void the_sample_county_has_656_grids()
    {
        CountOf(UnitKind.Grid).ShouldBe(656);
    }

    [Fact]
    public void every_grid_climbs_through_a_village_and_a_township_to_the_county()
    {
        foreach (var grid in County.Units.Where(u => u.Kind == UnitKind.Grid))
        {
            var chain = County.SelfAndAncestors(grid.Code).Select(u => u.Tier).ToList();
            chain.ShouldBe([null, Tier.Village, Tier.Township, Tier.County], grid.Code);
        }
    }

    [Theory]
    [InlineData("城市管理")]
    [InlineData("市场监督")]
    [InlineData("派出所")]
    [InlineData("住房和城乡建设")]
    [InlineData("应急管理")]
    [InlineData("生态环境")]
    [InlineData("民政")]
    [InlineData("消防救援")]
    [InlineData("自然资源")]
    [InlineData("人力资源和社会保障")]
    public void the_sample_county_has_the_core_line_departments(string name)
    {
        County.Departments.ShouldContain(d => d.NameZh.Contains(name, StringComparison.Ordinal));
    }

    [Fact]
    public void the_sample_county_has_at_least_ten_departments()
    {
        County.Departments.Count.ShouldBeGreaterThanOrEqualTo(10);
    }

    [Fact]
    public void the_catalogue_has_70_matters_22_at_level_one_22_at_level_two_and_26_at_level_three()
    {
        County.Catalogue.Count.ShouldBe(70);
        County.Catalogue.Count(m => m.Level == 1).ShouldBe(22);
        County.Catalogue.Count(m => m.Level == 2).ShouldBe(22);
        County.Catalogue.Count(m => m.Level == 3).ShouldBe(26);
    }

    [Fact]
    public void the_catalogue_covers_all_five_domains()
    {
        County.Catalogue.Select(m => m.Domain).Distinct().ShouldBe(Enum.GetValues<MatterDomain>(), ignoreOrder: true);
    }

    [Fact]
    public void every_matter_is_within_the_powers_of_a_department()
    {
        County.Catalogue.ShouldAllBe(m => County.DepartmentsWithPowerOver(m.Code).Any());
    }

    [Fact]
    public void a_matter_is_read_with_its_domain_level_first_tier_departments_and_time_limit()
    {
        var matter = County.FindMatter("M-EE-02").ShouldNotBeNull();
        matter.NameZh.ShouldBe("秸秆焚烧");
        (matter.Domain, matter.Level, matter.FirstTier, matter.TimeLimit)
            .ShouldBe((MatterDomain.EcologyAndEnvironment, 1, Tier.Village, TimeLimitClass.General));
        matter.Departments.ShouldBe(["D-EE", "D-AG", "D-FR"]);
    }

    [Fact]
    public void the_sample_county_has_operators_auditors_and_an_administrator_at_the_county()
    {
        County.Users.Count(u => u.Role == Role.Operator).ShouldBe(2);
        County.Users.Count(u => u.Role == Role.Auditor).ShouldBe(2);
        County.Users.Count(u => u.Role == Role.Administrator).ShouldBe(1);
        County.Users.Where(u => u.Role is Role.Operator or Role.Auditor or Role.Administrator)
            .ShouldAllBe(u => u.UnitCode == "SC");
    }

    [Fact]
    public void every_township_street_and_the_county_has_a_dispatcher()
    {
        var dispatched = County.Users.Where(u => u.Role == Role.Dispatcher).Select(u => u.UnitCode).ToHashSet();
        County.Units.Where(u => u.Tier is Tier.Township or Tier.County)
            .ShouldAllBe(u => dispatched.Contains(u.Code));
        dispatched.ShouldContain("SC-T01-V01");
        dispatched.ShouldContain("SC-T02-V02");
    }

    [Fact]
    public void every_department_has_a_handler()
    {
        var handled = County.Users.Where(u => u.Role == Role.Department).Select(u => u.UnitCode).ToHashSet();
        County.Departments.ShouldAllBe(d => handled.Contains(d.Code));
    }
}
