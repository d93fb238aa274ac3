namespace Escalation.Domain.Tests;

/// <summary>Per-unit calendars: a unit that works around the clock (a police station's 7×24) counts working time as clock time.</summary>
public class UnitCalendarRules
{
    // Friday 30 May 2025, 16:00 China time.
    private static readonly DateTimeOffset Friday = new(2025, 5, 30, 16, 0, 0, TimeSpan.FromHours(8));

    private static readonly ReferenceData AroundTheClock = new(
        "test-7x24",
        [.. TestCounty.Reference.Units.Select(u => u.Code == EastVillage ? u with { Calendar = UnitCalendar.AroundTheClock } : u)],
        TestCounty.Reference.Departments,
        TestCounty.Reference.Catalogue);

    private static readonly object[] Dispatched =
        [Reported(category: IllegalConstruction), Triaged(DongpingDispatcher, EastVillage, Tier.Village, IllegalConstruction)];

    private static TimeLimitStarted ResolveLimit(ReferenceData reference) =>
        TicketTurn.Take(Given(Dispatched), new AcceptTicket(TicketId, EastVillageLiaison), new DecisionContext(Friday, reference, CountySettings.Default))
            .Events.OfType<TimeLimitStarted>().Single(c => c.Clock == Clock.Resolve);

    [Fact]
    public void a_unit_working_around_the_clock_counts_a_working_day_as_24_hours_through_the_weekend()
    {
        var limit = ResolveLimit(AroundTheClock);

        (limit.Deadline, limit.Measure, limit.Rule).ShouldBe((Friday.AddDays(1), TimeLimitMeasure.ClockTime, "timeLimits.resolve.enforcement.village"));
    }

    [Fact]
    public void the_other_units_keep_the_county_calendar()
    {
        var limit = ResolveLimit(TestCounty.Reference);

        (limit.Deadline > Friday.AddDays(2), limit.Measure).ShouldBe((true, TimeLimitMeasure.WorkingTime));
        AroundTheClock.TimeLimitsFor(Dongping).IsAroundTheClock.ShouldBeFalse();
        AroundTheClock.TimeLimitsFor(Housing).IsAroundTheClock.ShouldBeFalse();
    }

    [Fact]
    public void the_county_file_names_a_units_calendar_and_a_unit_without_one_keeps_the_countys()
    {
        var json = RepositoryFile.Read("src/Escalation.Host/Data/sample-county.json")
            .Replace("\"kind\": \"village\", \"parentCode\": \"SC-T01\"}", "\"kind\": \"village\", \"parentCode\": \"SC-T01\", \"calendar\": \"aroundTheClock\"}", StringComparison.Ordinal);

        var reference = ReferenceDataParser.Parse(json);

        reference.Units.Where(u => u.Calendar == UnitCalendar.AroundTheClock).ShouldNotBeEmpty();
        reference.FindUnit("SC-T01")!.Calendar.ShouldBe(UnitCalendar.County);
        Should.Throw<ReferenceDataException>(() => ReferenceDataParser.Parse(json.Replace("aroundTheClock", "sometimes", StringComparison.Ordinal)))
            .Message.ShouldContain("calendar");
    }
}
