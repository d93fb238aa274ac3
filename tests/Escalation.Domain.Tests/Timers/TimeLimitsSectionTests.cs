using Escalation.Domain.Tests.Reference;
using static Escalation.Domain.Tests.Timers.ShippedCalendar;

namespace Escalation.Domain.Tests.Timers;

/// <summary>The "timeLimits" section of the county's reference data: optional overrides of the default limits.</summary>
public class TimeLimitsSectionTests
{
    private static string County(string? timeLimits = null) =>
        $$"""
        {
          "version": "test",
          "units": [{"code": "SC", "nameZh": "县", "nameEn": "County", "kind": "county"}],
          "departments": [],
          "catalogue": []{{(timeLimits is null ? "" : $",\n  \"timeLimits\": {timeLimits}")}}
        }
        """;

    private static IReadOnlyList<string> ErrorsOf(string json) =>
        Should.Throw<ReferenceDataException>(() => ReferenceDataParser.Parse(json)).Errors;

    private static void ShouldBeTheDefaults(TimeLimitPolicy policy)
    {
        var defaults = TimeLimitPolicy.Default(BusinessCalendar.WeekdaysOnly);
        foreach (var urgency in Enum.GetValues<Urgency>())
        {
            policy.AcceptLimit(urgency).ShouldBe(defaults.AcceptLimit(urgency));
            policy.ReportInLimit(urgency).ShouldBe(defaults.ReportInLimit(urgency));
            policy.ResolveCap(urgency).ShouldBe(defaults.ResolveCap(urgency));
        }
        foreach (var limitClass in Enum.GetValues<TimeLimitClass>())
        {
            foreach (var tier in Enum.GetValues<Tier>())
                policy.ResolveLimit(limitClass, tier).ShouldBe(defaults.ResolveLimit(limitClass, tier));
        }
        policy.YellowShare.ShouldBe(defaults.YellowShare);
    }

    [Fact]
    public void without_a_time_limits_section_the_county_has_the_default_limits_on_weekdays_only()
    {
        var policy = ReferenceDataParser.Parse(County()).TimeLimits;

        ShouldBeTheDefaults(policy);
        policy.Calendar.ShouldBeSameAs(BusinessCalendar.WeekdaysOnly);
    }

    [Fact]
    public void reference_data_built_in_code_has_the_default_limits()
    {
        var data = new ReferenceData("test", [new Unit("SC", "县", "County", UnitKind.County, null)], [], []);

        ShouldBeTheDefaults(data.TimeLimits);
    }

    [Fact]
    public void the_sample_county_writes_out_the_default_limits()
    {
        ShouldBeTheDefaults(SampleCounty.Data.TimeLimits);
    }

    [Fact]
    public void overrides_replace_only_the_limits_they_name()
    {
        var policy = ReferenceDataParser.Parse(County("""
            {
              "yellowShare": 0.75,
              "accept": {"normal": "2 hours"},
              "resolve": {"general": {"village": "45 minutes"}, "enforcement": {"county": "2 working days"}},
              "resolveCap": {"normal": "7 days"},
              "reportIn": {"emergency": "20 minutes"}
            }
            """)).TimeLimits;

        policy.YellowShare.ShouldBe(0.75);
        policy.AcceptLimit(Urgency.Normal).ShouldBe(TimeLimit.Clock(TimeSpan.FromHours(2)));
        policy.AcceptLimit(Urgency.Urgent).ShouldBe(TimeLimit.Clock(TimeSpan.FromMinutes(30)));
        policy.ResolveLimit(TimeLimitClass.General, Tier.Village).ShouldBe(TimeLimit.Clock(TimeSpan.FromMinutes(45)));
        policy.ResolveLimit(TimeLimitClass.General, Tier.Township).ShouldBe(TimeLimit.Clock(TimeSpan.FromHours(2)));
        policy.ResolveLimit(TimeLimitClass.Enforcement, Tier.County).ShouldBe(TimeLimit.WorkingDays(2));
        policy.ResolveCap(Urgency.Normal).ShouldBe(TimeLimit.Clock(TimeSpan.FromDays(7)));
        policy.ResolveCap(Urgency.Emergency).ShouldBe(TimeLimit.Clock(TimeSpan.FromHours(2)));
        policy.ReportInLimit(Urgency.Emergency).ShouldBe(TimeLimit.Clock(TimeSpan.FromMinutes(20)));
    }

    [Fact]
    public void every_problem_in_the_section_is_reported_at_once()
    {
        var errors = ErrorsOf(County("""
            {
              "yellowShare": 1.5,
              "accept": {"soon": "1 hour", "normal": "1 hr"},
              "resolve": {"general": {"parish": "1 day", "village": null}, "hard": {"village": "1 day"}, "complex": null},
              "reportIn": {"urgent": "0 minutes"}
            }
            """));

        errors.ShouldBe(
        [
            "timeLimits.yellowShare 1.5 is not between 0 and 1",
            "timeLimits.accept: urgency 'soon' is unknown (expected one of normal, urgent, emergency)",
            "timeLimits.accept.normal: '1 hr' is not a time limit (expected e.g. \"30 minutes\", \"2 hours\", \"1 day\", \"4 working hours\", \"1 working day\")",
            "timeLimits.resolve.general: tier 'parish' is unknown (expected one of village, township, county, countyLeader)",
            "timeLimits.resolve.general.village: null is not a time limit (expected e.g. \"30 minutes\", \"2 hours\", \"1 day\", \"4 working hours\", \"1 working day\")",
            "timeLimits.resolve: time-limit class 'hard' is unknown (expected one of general, larger, complex, enforcement)",
            "timeLimits.resolve.complex is null",
            "timeLimits.reportIn.urgent: '0 minutes' is not a time limit (expected e.g. \"30 minutes\", \"2 hours\", \"1 day\", \"4 working hours\", \"1 working day\")",
        ]);
    }

    [Fact]
    public void a_limit_written_as_a_number_is_malformed_json_naming_its_path()
    {
        ErrorsOf(County("""{"accept": {"normal": 60}}""")).ShouldHaveSingleItem()
            .ShouldStartWith("malformed JSON at line 6");
    }

    [Fact]
    public void with_calendar_attaches_the_calendar_to_the_time_limits_and_keeps_the_rest()
    {
        var county = SampleCounty.Data;

        var attached = county.WithCalendar(China);

        attached.TimeLimits.Calendar.ShouldBeSameAs(China);
        attached.TimeLimits.Settings.ShouldBeSameAs(county.TimeLimits.Settings);
        (attached.Version, attached.Units, attached.Departments, attached.Catalogue, attached.Users)
            .ShouldBe((county.Version, county.Units, county.Departments, county.Catalogue, county.Users));
        attached.FindUnit("SC-T01-V01").ShouldBe(county.FindUnit("SC-T01-V01"));
    }

    [Fact]
    public void the_new_clocks_limits_are_read_from_the_section_and_a_bad_one_is_named()
    {
        var policy = ReferenceDataParser.Parse(County("""
            {"triage": {"normal": "8 working hours"}, "case": {"complex": "20 days"}, "caseCap": {"urgent": "12 hours"},
             "extensionReview": "1 working day", "pause": "10 days"}
            """)).TimeLimits;

        policy.Settings.Triage[Urgency.Normal].ShouldBe(TimeLimit.Parse("8 working hours"));
        policy.Settings.Triage[Urgency.Emergency].ShouldBe(TimeLimit.Parse("1 hour"));
        policy.CaseLimit(TimeLimitClass.Complex, Urgency.Normal).ShouldBe(TimeLimit.Parse("20 days"));
        policy.CaseLimit(TimeLimitClass.Complex, Urgency.Urgent).ShouldBe(TimeLimit.Parse("12 hours"));
        (policy.Settings.ExtensionReview, policy.Settings.Pause).ShouldBe((TimeLimit.Parse("1 working day"), TimeLimit.Parse("10 days")));
        ErrorsOf(County("""{"pause": "soon"}""")).ShouldHaveSingleItem().ShouldStartWith("timeLimits.pause: 'soon'");
    }
}
