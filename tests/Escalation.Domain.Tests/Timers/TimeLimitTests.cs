using static Escalation.Domain.Tests.Timers.ShippedCalendar;

namespace Escalation.Domain.Tests.Timers;

public class TimeLimitTests
{
    [Fact]
    public void a_thirty_minute_clock_limit_is_not_paused_by_the_night_or_the_holiday()
    {
        TimeLimit.Clock(TimeSpan.FromMinutes(30)).Apply(Local("2026-10-01 23:50"), China, 0.8)
            .ShouldBe(new Deadline(YellowAt: Local("2026-10-02 00:14"), DueAt: Local("2026-10-02 00:20")));
    }

    [Fact]
    public void a_working_limit_pauses_over_the_weekend_and_turns_yellow_at_80_percent_of_its_working_time()
    {
        // Friday 17:00: half an hour that day, the rest from Monday 08:30.
        TimeLimit.Working(TimeSpan.FromHours(2)).Apply(Local("2026-03-06 17:00"), China, 0.8)
            .ShouldBe(new Deadline(YellowAt: Local("2026-03-09 09:36"), DueAt: Local("2026-03-09 10:00")));
    }

    [Fact]
    public void one_working_day_started_mid_morning_ends_at_the_same_hour_the_next_working_day()
    {
        TimeLimit.WorkingDays(1).Apply(Local("2026-03-09 10:00"), China, 0.8)
            .ShouldBe(new Deadline(YellowAt: Local("2026-03-09 17:30"), DueAt: Local("2026-03-10 10:00")));
    }

    [Fact]
    public void one_working_day_started_at_the_opening_ends_at_the_close_of_that_day()
    {
        TimeLimit.WorkingDays(1).Apply(Local("2026-03-09 08:30"), China, 0.8).DueAt.ShouldBe(Local("2026-03-09 17:30"));
    }

    [Fact]
    public void one_working_day_started_the_day_before_national_day_falls_due_after_the_holiday()
    {
        TimeLimit.WorkingDays(1).Apply(Local("2026-09-30 10:00"), China, 0.8).DueAt.ShouldBe(Local("2026-10-08 10:00"));
    }

    [Fact]
    public void three_working_days_count_the_make_up_saturday()
    {
        // Friday 9 October 6 hours, Saturday 10 October (worked) 7.5, Monday 7.5, Tuesday the last 1.5.
        TimeLimit.WorkingDays(3).Apply(Local("2026-10-09 10:00"), China, 0.8).DueAt.ShouldBe(Local("2026-10-13 10:00"));
    }

    [Fact]
    public void working_days_are_counted_with_the_calendars_working_day_length()
    {
        var eightHourDays = new BusinessCalendar([2026], hours: [new(new TimeOnly(9, 0), new TimeOnly(17, 0))]);

        TimeLimit.WorkingDays(2).Apply(Local("2026-03-09 13:00"), eightHourDays, 0.5)
            .ShouldBe(new Deadline(YellowAt: Local("2026-03-10 13:00"), DueAt: Local("2026-03-11 13:00")));
    }

    [Fact]
    public void a_yellow_share_of_one_turns_yellow_at_the_deadline_and_zero_at_the_start()
    {
        var limit = TimeLimit.Working(TimeSpan.FromHours(1));
        var start = Local("2026-03-09 11:30");

        limit.Apply(start, China, 1).YellowAt.ShouldBe(Local("2026-03-09 14:00"));
        limit.Apply(start, China, 0).YellowAt.ShouldBe(start);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void a_yellow_share_outside_zero_to_one_is_refused(double share)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => TimeLimit.Clock(TimeSpan.FromHours(1)).Apply(Local("2026-03-09 10:00"), China, share));
    }

    [Fact]
    public void a_limit_must_be_positive()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => TimeLimit.Clock(TimeSpan.Zero));
        Should.Throw<ArgumentOutOfRangeException>(() => TimeLimit.Working(TimeSpan.FromMinutes(-5)));
        Should.Throw<ArgumentOutOfRangeException>(() => TimeLimit.WorkingDays(0));
    }

    [Theory]
    [InlineData("30 minutes")]
    [InlineData("1 hour")]
    [InlineData("2 hours")]
    [InlineData("1 day")]
    [InlineData("45 working minutes")]
    [InlineData("4 working hours")]
    [InlineData("1 working day")]
    [InlineData("3 working days")]
    public void a_limit_is_written_as_it_is_read(string text)
    {
        TimeLimit.Parse(text).ToString().ShouldBe(text);
    }

    [Fact]
    public void a_clock_day_is_24_hours_and_a_working_day_is_a_count_of_days()
    {
        TimeLimit.Parse("24 hours").ShouldBe(TimeLimit.Clock(TimeSpan.FromDays(1)));
        TimeLimit.Parse("90 minutes").ShouldBe(TimeLimit.Clock(TimeSpan.FromMinutes(90)));
        TimeLimit.Parse("90 seconds").ShouldBe(TimeLimit.Clock(TimeSpan.FromSeconds(90)));
        TimeLimit.Parse("1 working day").ShouldBe(TimeLimit.WorkingDays(1));
        TimeLimit.Parse("450 working minutes").ShouldBe(TimeLimit.Working(TimeSpan.FromHours(7.5)));
        TimeLimit.Parse("450 working minutes").ShouldNotBe(TimeLimit.WorkingDays(1));
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("thirty minutes")]
    [InlineData("0 minutes")]
    [InlineData("-5 minutes")]
    [InlineData("+5 minutes")]
    [InlineData("30 mins")]
    [InlineData("30 Minutes")]
    [InlineData("30  minutes")]
    [InlineData("2 working")]
    [InlineData("1 working week")]
    [InlineData("1 business day")]
    [InlineData("2147483647 days")]
    public void text_that_is_not_a_limit_is_refused(string text)
    {
        TimeLimit.TryParse(text, out _).ShouldBeFalse();
        Should.Throw<FormatException>(() => TimeLimit.Parse(text)).Message.ShouldContain($"'{text}' is not a time limit");
    }
}
