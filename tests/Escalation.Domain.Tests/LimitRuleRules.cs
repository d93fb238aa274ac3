namespace Escalation.Domain.Tests;

/// <summary>Each limit names the figure it was set by, the setting it came from, and the reference data version its decision read.</summary>
public class LimitRuleRules
{
    [Fact]
    public void a_limit_names_its_figure_its_setting_and_the_version_of_the_reference_data_in_the_decisions_context()
    {
        var administered = new ReferenceData("test-2", TestCounty.Reference.Units, TestCounty.Reference.Departments, TestCounty.Reference.Catalogue);

        var turn = TicketTurn.Take(Given(DispatchedToEastVillage), new AcceptTicket(TicketId, EastVillageLiaison), new DecisionContext(Now, administered, CountySettings.Default));

        var resolve = turn.Events.OfType<TimeLimitStarted>().ShouldHaveSingleItem();
        (resolve.Limit, resolve.Rule, resolve.ReferenceVersion).ShouldBe(("30 minutes", "timeLimits.resolve.general.village", "test-2"));
    }

    [Fact]
    public void a_capped_urgency_names_the_cap_it_took()
    {
        var rule = TestCounty.Reference.TimeLimits.RuleOf(Clock.Resolve, TimeLimitClass.Complex, Urgency.Emergency, Tier.Village, Now);

        (rule.Limit.ToString(), rule.Rule).ShouldBe(("2 hours", "timeLimits.resolveCap.emergency"));
    }

    [Fact]
    public void an_event_recorded_before_the_rule_was_kept_still_reads_with_none()
    {
        var old = System.Text.Json.JsonSerializer.Deserialize<TimeLimitStarted>(
            """{"TicketId":"0c8d3a52-61f4-4e0b-9d1e-000000000001","By":{"UserId":"x","Role":"dispatcher","UnitCode":"dongping"},"At":"2025-06-02T09:30:00+08:00","Clock":1,"Holder":"dongping","YellowAt":"2025-06-02T10:00:00+08:00","Deadline":"2025-06-02T10:30:00+08:00","WhistleId":null}""")!;

        (old.Limit, old.Rule, old.ReferenceVersion, old.Measure).ShouldBe(((string?)null, (string?)null, (string?)null, TimeLimitMeasure.ClockTime));
    }
}
