using Escalation.Domain.Timers;
using Escalation.Host.Reference;
using Escalation.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Escalation.IntegrationTests.Foundation;

/// <summary>The host warns at start-up, on its own clock, when the business calendar (2026 and 2027 here) is about to end.</summary>
public sealed class CalendarCoverageTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public async Task a_host_started_in_late_2027_warns_that_the_calendar_ends_with_2027()
    {
        var warnings = await CalendarWarningsAtStartAsync(new DateTimeOffset(2027, 11, 15, 9, 0, 0, China));

        warnings.ShouldHaveSingleItem().ShouldBe(
            "The business calendar ends on 2027-12-31, less than 60 days from now: a working-time limit that runs past it cannot be counted. " +
            "Add calendar-2028.json to the folder of the setting Escalation:Calendars before then.");
    }

    [Fact]
    public async Task a_host_started_in_2026_does_not_warn()
    {
        var warnings = await CalendarWarningsAtStartAsync(new DateTimeOffset(2026, 11, 23, 9, 0, 0, China));

        warnings.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("2027-11-01", null)]
    [InlineData("2027-11-02", "2027-12-31")]
    [InlineData("2028-03-01", "2027-12-31")]
    [InlineData("2025-12-01", null)]
    public void the_calendar_ends_soon_when_its_last_day_is_less_than_60_days_ahead_or_past(string today, string? lastCovered)
    {
        var calendar = new BusinessCalendar([2026, 2027]);
        var now = new DateTimeOffset(DateOnly.Parse(today).ToDateTime(new TimeOnly(9, 0)), China);

        CalendarCoverageCheck.LastCoveredDay(calendar, now).ShouldBe(lastCovered is null ? null : DateOnly.Parse(lastCovered));
    }

    [Fact]
    public void a_calendar_that_knows_every_year_never_ends() =>
        CalendarCoverageCheck.LastCoveredDay(BusinessCalendar.WeekdaysOnly, new DateTimeOffset(2099, 12, 31, 9, 0, 0, China)).ShouldBeNull();

    private static async Task<IReadOnlyList<string>> CalendarWarningsAtStartAsync(DateTimeOffset now)
    {
        var app = new EscalationApp { TestServices = services => services.AddFakeLogging() };
        app.Clock.SetUtcNow(now);
        await app.InitializeAsync();
        try
        {
            return [.. app.Services.GetFakeLogCollector().GetSnapshot()
                .Where(r => r.Category == typeof(CalendarCoverageCheck).FullName && r.Level == LogLevel.Warning)
                .Select(r => r.Message)];
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
