using Escalation.Domain.Organisation;
using Escalation.Domain.Tests.Reference;

namespace Escalation.Domain.Tests.Organisation;

/// <summary>Given the county's events, when an administrator's change, then its event, or the rule (and the start-up checks' words) that refuses it.</summary>
public class CountyRules
{
    private static readonly Actor Admin = new("admin", "administrator", "SC");
    private static readonly DateTimeOffset At = Now;

    private const string File = """
        {
          "version": "2026.1",
          "county": { "code": "SC", "note": "kept as written" },
          "units": [
            { "code": "SC", "nameZh": "示例县", "nameEn": "Sample County", "kind": "county" },
            { "code": "SC-T01", "nameZh": "坦途镇", "nameEn": "Tantu Town", "kind": "township", "parentCode": "SC" },
            { "code": "SC-T01-V01", "nameZh": "新发村", "nameEn": "Xinfa Village", "kind": "village", "parentCode": "SC-T01" },
            { "code": "SC-T01-V01-G01", "nameZh": "一网格", "nameEn": "Grid 1", "kind": "grid", "parentCode": "SC-T01-V01" }
          ],
          "departments": [ { "code": "D-UM", "nameZh": "城管", "nameEn": "Urban Management", "powers": ["M-01"] } ],
          "catalogue": [
            { "code": "M-01", "nameZh": "占道经营", "nameEn": "Street vending", "domain": "comprehensiveLawEnforcement", "level": 1,
              "firstTier": "village", "departments": ["D-UM"], "timeLimit": "general" }
          ],
          "users": [
            { "id": "admin", "nameZh": "管理员", "nameEn": "Administrator", "role": "administrator", "unitCode": "SC" },
            { "id": "disp-SC-T01", "nameZh": "调度", "nameEn": "Dispatcher", "role": "dispatcher", "unitCode": "SC-T01" }
          ]
        }
        """;

    private static readonly IReadOnlySet<string> NoOpenTickets = new HashSet<string>();

    private static CountyFile Given(params ICountyEvent[] changes) =>
        CountyFile.Fold([new CountyImported(File, Actor.System, At.AddDays(-1), "first start"), .. changes]);

    private static readonly Unit NewVillage = new("SC-T01-V02", "新村", "New Village", UnitKind.Village, "SC-T01");
    private static readonly User GridWorker = new("gw-SC-T01-V02", "网格员", "Grid worker", Role.Dispatcher, "SC-T01-V02");

    private static void ShouldAccept(CountyDecision decision, params ICountyEvent[] expected)
    {
        decision.Rejection.ShouldBeNull();
        decision.Events.ShouldBe(expected);
    }

    private static void ShouldRefuse(CountyDecision decision, string code, string? problem = null)
    {
        decision.Events.ShouldBeEmpty();
        decision.Rejection.ShouldNotBeNull().Code.ShouldBe(code);
        decision.Rejection.Message.ShouldEndWith(".");
        if (problem is not null)
            decision.Problems.ShouldContain(problem);
    }

    [Fact]
    public void a_village_added_under_a_township_and_its_grid_worker_join_the_county()
    {
        var added = new UnitAdded(NewVillage, Admin, At, "new village");
        var worker = new UserAdded(GridWorker, Admin, At, "its grid worker");

        ShouldAccept(CountyChanges.Decide(Given(), added, NoOpenTickets), added);
        ShouldAccept(CountyChanges.Decide(Given(added), worker, NoOpenTickets), worker);
        var county = Given(added, worker).Read(3);
        county.Version.ShouldBe("3");
        county.FindUnit("SC-T01-V02").ShouldBe(NewVillage);
        county.FindUser("gw-SC-T01-V02").ShouldBe(GridWorker);
    }

    [Fact]
    public void a_unit_that_works_around_the_clock_keeps_its_calendar_in_the_county_as_changed()
    {
        var police = new UnitAdded(NewVillage with { Calendar = UnitCalendar.AroundTheClock }, Admin, At, "a police post works 7x24");

        ShouldAccept(CountyChanges.Decide(Given(), police, NoOpenTickets), police);
        Given(police).Read(2).FindUnit("SC-T01-V02")!.Calendar.ShouldBe(UnitCalendar.AroundTheClock);
    }

    [Fact]
    public void a_change_that_leaves_a_matter_no_department_can_handle_is_refused_in_the_start_up_checks_words()
    {
        var change = new DepartmentChanged(new Department("D-UM", "城管", "Urban Management", []), Admin, At, "powers moved");

        ShouldRefuse(CountyChanges.Decide(Given(), change, NoOpenTickets), RuleCodes.CountyInvalid, "matter M-01: no department has power over it");
    }

    [Fact]
    public void a_unit_moved_under_its_own_village_is_refused_as_a_cycle()
    {
        var change = new UnitChanged(new Unit("SC-T01", "坦途镇", "Tantu Town", UnitKind.Township, "SC-T01-V01"), Admin, At, "moved");

        var decision = CountyChanges.Decide(Given(), change, NoOpenTickets);

        ShouldRefuse(decision, RuleCodes.CountyInvalid);
        decision.Problems.ShouldContain(p => p.Contains("form a cycle in the parent chain", StringComparison.Ordinal));
    }

    [Fact]
    public void a_unit_with_open_tickets_cannot_be_removed()
    {
        var removed = new UnitRemoved("SC-T01-V01-G01", Admin, At, "merged");

        ShouldRefuse(CountyChanges.Decide(Given(), removed, new HashSet<string> { "SC-T01-V01-G01" }), RuleCodes.UnitHasOpenTickets);
        ShouldAccept(CountyChanges.Decide(Given(), removed, NoOpenTickets), removed);
    }

    [Fact]
    public void a_unit_with_units_below_it_cannot_be_removed()
    {
        var removed = new UnitRemoved("SC-T01-V01", Admin, At, "merged");

        ShouldRefuse(CountyChanges.Decide(Given(), removed, NoOpenTickets), RuleCodes.CountyInvalid, "unit SC-T01-V01-G01: parent SC-T01-V01 is unknown");
    }

    [Fact]
    public void a_change_to_an_entry_the_county_does_not_have_is_refused()
    {
        var change = new UserDisabled("nobody", Admin, At, "left");

        ShouldRefuse(CountyChanges.Decide(Given(), change, NoOpenTickets), RuleCodes.CountyNoSuchEntry);
    }

    [Fact]
    public void an_entry_added_twice_is_refused()
    {
        var added = new UnitAdded(NewVillage, Admin, At, "new village");

        ShouldRefuse(CountyChanges.Decide(Given(added), added, NoOpenTickets), RuleCodes.CountyEntryExists);
    }

    [Fact]
    public void a_change_that_changes_nothing_is_refused()
    {
        var same = new UserChanged(new User("disp-SC-T01", "调度", "Dispatcher", Role.Dispatcher, "SC-T01"), Admin, At, "again");

        ShouldRefuse(CountyChanges.Decide(Given(), same, NoOpenTickets), RuleCodes.CountyUnchanged);
    }

    [Fact]
    public void the_last_administrator_cannot_be_disabled()
    {
        var disabled = new UserDisabled("admin", Admin, At, "left");

        ShouldRefuse(CountyChanges.Decide(Given(), disabled, NoOpenTickets), RuleCodes.LastAdministrator);
    }

    [Fact]
    public void a_disabled_user_stays_in_the_county_marked_disabled()
    {
        var disabled = new UserDisabled("disp-SC-T01", Admin, At, "left the township");

        ShouldAccept(CountyChanges.Decide(Given(), disabled, NoOpenTickets), disabled);
        Given(disabled).Read(2).FindUser("disp-SC-T01").ShouldBe(new User("disp-SC-T01", "调度", "Dispatcher", Role.Dispatcher, "SC-T01", Disabled: true));
    }

    [Fact]
    public void a_disabled_user_is_no_user_who_may_sign_in()
    {
        var county = Given(new UserDisabled("disp-SC-T01", Admin, At, "left the township")).Read(2);

        county.FindActiveUser("disp-SC-T01").ShouldBeNull();
        county.FindActiveUser("admin").ShouldNotBeNull();
    }

    [Fact]
    public void a_user_at_an_unknown_unit_is_refused_in_the_start_up_checks_words()
    {
        var added = new UserAdded(GridWorker, Admin, At, "its grid worker");

        ShouldRefuse(CountyChanges.Decide(Given(), added, NoOpenTickets), RuleCodes.CountyInvalid, "user gw-SC-T01-V02: unit SC-T01-V02 is unknown");
    }

    [Fact]
    public void an_imported_file_that_is_not_json_is_refused_naming_the_line()
    {
        var imported = new CountyImported("{\n  \"units\": [,]\n}", Admin, At, "new file");

        var decision = CountyChanges.Decide(Given(), imported, NoOpenTickets);

        ShouldRefuse(decision, RuleCodes.CountyInvalid);
        decision.Problems.ShouldHaveSingleItem().ShouldStartWith("malformed JSON at line 2");
    }

    [Fact]
    public void time_limits_that_are_not_time_limits_are_refused_in_the_start_up_checks_words()
    {
        var change = new TimeLimitsChanged("""{ "accept": { "normal": "soon" } }""", Admin, At, "faster");

        var decision = CountyChanges.Decide(Given(), change, NoOpenTickets);

        ShouldRefuse(decision, RuleCodes.CountyInvalid);
        decision.Problems.ShouldHaveSingleItem().ShouldStartWith("timeLimits.accept.normal: 'soon' is not a time limit");
    }

    [Fact]
    public void new_time_limits_are_the_ones_the_county_reads()
    {
        var change = new TimeLimitsChanged("""{ "accept": { "normal": "45 minutes" } }""", Admin, At, "a longer accept limit");

        ShouldAccept(CountyChanges.Decide(Given(), change, NoOpenTickets), change);
        Given(change).Read(2).TimeLimits.Settings.Accept[Urgency.Normal].ShouldBe(TimeLimit.Clock(TimeSpan.FromMinutes(45)));
    }

    [Fact]
    public void changes_made_together_are_each_checked_on_the_county_the_ones_before_left()
    {
        var village = new UnitAdded(NewVillage, Admin, At, "sheet");
        var worker = new UserAdded(GridWorker, Admin, At, "sheet");

        ShouldAccept(CountyChanges.Decide(Given(), [village, worker], NoOpenTickets), village, worker);
        ShouldRefuse(CountyChanges.Decide(Given(), [worker, worker], NoOpenTickets), RuleCodes.CountyEntryExists);
    }

    [Fact]
    public void the_file_exported_keeps_what_the_changes_did_not_touch_and_names_the_version()
    {
        var exported = System.Text.Json.Nodes.JsonNode.Parse(Given(new UnitAdded(NewVillage, Admin, At, "new")).ToJson(2))!;

        exported["version"]!.GetValue<string>().ShouldBe("2");
        exported["county"]!["note"]!.GetValue<string>().ShouldBe("kept as written");
        ReferenceDataParser.Parse(exported.ToJsonString()).FindUnit("SC-T01-V02").ShouldBe(NewVillage);
    }

    [Fact]
    public void the_sample_county_read_through_its_stream_is_the_sample_county()
    {
        var county = CountyFile.Fold([new CountyImported(RepositoryFile.Read("src/Escalation.Host/Data/sample-county.json"), Actor.System, At, "first start")]).Read(1);

        county.Units.ShouldBe(SampleCounty.Data.Units);
        county.Users.ShouldBe(SampleCounty.Data.Users);
        county.Catalogue.Select(m => m.Code).ShouldBe(SampleCounty.Data.Catalogue.Select(m => m.Code));
    }
}
