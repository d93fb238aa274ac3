using System.Text.Json.Nodes;
using Escalation.Domain.Timers;
using Escalation.IntegrationTests.Infrastructure;

namespace Escalation.IntegrationTests.Clocks;

/// <summary>The sample county with one village working around the clock (7×24), named in its data file.</summary>
public sealed class AroundTheClockCounty : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("escalation-7x24-").FullName;

    public EscalationApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var data = Path.Combine(AppContext.BaseDirectory, "Data");
        var county = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(data, "sample-county.json")))!;
        county["units"]!.AsArray().Single(u => (string?)u!["code"] == "SC-T01-V01")!["calendar"] = "aroundTheClock";
        var file = Path.Combine(_folder, "county.json");
        await File.WriteAllTextAsync(file, county.ToJsonString());
        App = new EscalationApp { Settings = [("Escalation:ReferenceData", file), ("Escalation:Calendars", data)] };
        await App.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}

public sealed class UnitCalendarTests(AroundTheClockCounty county) : IClassFixture<AroundTheClockCounty>
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public async Task a_village_working_around_the_clock_gets_24_hours_for_a_working_day_over_the_weekend_and_the_township_the_county_calendar()
    {
        var app = county.App;
        // Friday 4 December 2026, 16:00: 1 working day to resolve an enforcement matter.
        var friday = new DateTimeOffset(2026, 12, 4, 16, 0, 0, China);
        app.Clock.SetUtcNow(friday);
        var village = await app.ClientFor("op-01").ReportAsync();
        var township = await app.ClientFor("op-01").ReportAsync();
        await app.ClientFor("disp-SC-T01").DoAsync(village, "triage", new { categoryCode = "M-LE-06", unitCode = "SC-T01-V01" });
        await app.ClientFor("disp-SC-T01").DoAsync(township, "triage", new { categoryCode = "M-LE-06" });
        await app.ClientFor("disp-SC-T01-V01").DoAsync(village, "accept");
        await app.ClientFor("disp-SC-T01").DoAsync(township, "accept");

        var atVillage = (await app.ClocksAsync(village)).Last(c => c.Clock == Clock.Resolve);
        var atTownship = (await app.ClocksAsync(township)).Last(c => c.Clock == Clock.Resolve);

        (atVillage.Deadline, atVillage.Measure).ShouldBe((friday.AddDays(1), TimeLimitMeasure.ClockTime));
        // The county calendar: 1.5 working hours left on Friday, then 6 on Monday 7 December (08:30–12:00, 13:30–16:00).
        (atTownship.Deadline, atTownship.Measure).ShouldBe((new DateTimeOffset(2026, 12, 7, 16, 0, 0, China), TimeLimitMeasure.WorkingTime));
    }
}
