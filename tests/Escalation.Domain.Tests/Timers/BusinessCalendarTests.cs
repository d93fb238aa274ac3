using static Escalation.Domain.Tests.Timers.ShippedCalendar;

namespace Escalation.Domain.Tests.Timers;

public class BusinessCalendarTests
{

    [Fact]
    public void a_working_day_is_seven_and_a_half_hours_of_0830_to_1200_and_1330_to_1730()
    {
        China.WorkingDayLength.ShouldBe(TimeSpan.FromHours(7.5));
        China.UtcOffset.ShouldBe(TimeSpan.FromHours(8));
    }

    [Theory]
    [InlineData("2026-03-09 08:30", true)]
    [InlineData("2026-03-09 11:59", true)]
    [InlineData("2026-03-09 12:00", false)]
    [InlineData("2026-03-09 13:29", false)]
    [InlineData("2026-03-09 13:30", true)]
    [InlineData("2026-03-09 17:30", false)]
    [InlineData("2026-03-09 08:29", false)]
    [InlineData("2026-03-07 10:00", false)]
    [InlineData("2026-03-08 10:00", false)]
    public void working_time_runs_from_the_start_of_a_span_up_to_its_end_on_weekdays(string moment, bool working)
    {
        China.IsWorkingTime(Local(moment)).ShouldBe(working);
    }

    [Fact]
    public void a_limit_started_the_day_before_national_day_runs_across_the_whole_holiday()
    {
        // Wednesday 30 September: 6 hours left that day; 1 October to 7 October is the National Day holiday.
        China.AddWorkingTime(Local("2026-09-30 10:00"), TimeSpan.FromHours(7.5)).ShouldBe(Local("2026-10-08 10:00"));
        China.WorkingTimeBetween(Local("2026-09-30 17:30"), Local("2026-10-08 08:30")).ShouldBe(TimeSpan.Zero);
        China.IsWorkingTime(Local("2026-10-05 10:00")).ShouldBeFalse();
    }

    [Fact]
    public void the_saturday_worked_after_national_day_counts_as_a_working_day()
    {
        China.IsWorkingTime(Local("2026-10-10 10:00")).ShouldBeTrue();
        China.AddWorkingTime(Local("2026-10-09 17:00"), TimeSpan.FromHours(1)).ShouldBe(Local("2026-10-10 09:00"));
    }

    [Fact]
    public void the_sunday_worked_before_national_day_counts_as_a_working_day()
    {
        China.AddWorkingTime(Local("2026-09-19 12:00"), TimeSpan.FromHours(1)).ShouldBe(Local("2026-09-20 09:30"));
    }

    [Fact]
    public void a_limit_running_on_the_spring_festival_make_up_saturday_resumes_after_the_nine_day_break()
    {
        China.AddWorkingTime(Local("2026-02-13 17:00"), TimeSpan.FromHours(1)).ShouldBe(Local("2026-02-14 09:00"));
        China.AddWorkingTime(Local("2026-02-14 17:00"), TimeSpan.FromHours(1)).ShouldBe(Local("2026-02-24 09:00"));
    }

    [Fact]
    public void the_night_does_not_count()
    {
        China.AddWorkingTime(Local("2026-03-09 17:00"), TimeSpan.FromHours(1)).ShouldBe(Local("2026-03-10 09:00"));
        China.WorkingTimeBetween(Local("2026-03-09 17:00"), Local("2026-03-10 09:00")).ShouldBe(TimeSpan.FromHours(1));
    }

    [Fact]
    public void the_weekend_does_not_count()
    {
        China.AddWorkingTime(Local("2026-03-06 17:00"), TimeSpan.FromHours(1)).ShouldBe(Local("2026-03-09 09:00"));
        China.WorkingTimeBetween(Local("2026-03-06 08:00"), Local("2026-03-09 18:00")).ShouldBe(TimeSpan.FromHours(15));
    }

    [Fact]
    public void the_lunch_break_does_not_count()
    {
        China.AddWorkingTime(Local("2026-03-09 11:45"), TimeSpan.FromMinutes(30)).ShouldBe(Local("2026-03-09 13:45"));
        China.WorkingTimeBetween(Local("2026-03-09 11:00"), Local("2026-03-09 14:00")).ShouldBe(TimeSpan.FromHours(1.5));
    }

    [Theory]
    [InlineData("2026-03-09 07:00", "2026-03-09 09:30")]
    [InlineData("2026-03-09 12:30", "2026-03-09 14:30")]
    [InlineData("2026-03-09 20:00", "2026-03-10 09:30")]
    [InlineData("2026-03-07 10:00", "2026-03-09 09:30")]
    public void a_start_outside_working_hours_counts_from_the_next_working_moment(string start, string due)
    {
        China.AddWorkingTime(Local(start), TimeSpan.FromHours(1)).ShouldBe(Local(due));
    }

    [Fact]
    public void a_result_on_the_end_of_a_span_stays_there()
    {
        China.AddWorkingTime(Local("2026-03-09 08:30"), TimeSpan.FromHours(3.5)).ShouldBe(Local("2026-03-09 12:00"));
        China.AddWorkingTime(Local("2026-03-09 08:30"), TimeSpan.FromHours(7.5)).ShouldBe(Local("2026-03-09 17:30"));
    }

    [Fact]
    public void a_start_on_the_end_of_a_span_counts_from_the_next_span()
    {
        China.AddWorkingTime(Local("2026-03-09 12:00"), TimeSpan.FromMinutes(1)).ShouldBe(Local("2026-03-09 13:31"));
    }

    [Fact]
    public void adding_no_working_time_returns_the_start_even_outside_working_hours()
    {
        China.AddWorkingTime(Local("2026-03-07 22:00"), TimeSpan.Zero).ShouldBe(Local("2026-03-07 22:00"));
    }

    [Fact]
    public void negative_working_time_cannot_be_added()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => China.AddWorkingTime(Local("2026-03-09 10:00"), TimeSpan.FromMinutes(-1)));
    }

    [Fact]
    public void working_time_between_a_later_and_an_earlier_moment_is_negative()
    {
        China.WorkingTimeBetween(Local("2026-03-09 14:00"), Local("2026-03-09 11:00")).ShouldBe(TimeSpan.FromHours(-1.5));
    }

    [Fact]
    public void moments_in_any_offset_are_read_in_china_time_and_results_keep_the_start_offset()
    {
        var utcStart = new DateTimeOffset(2026, 3, 9, 0, 30, 0, TimeSpan.Zero);
        China.IsWorkingTime(utcStart).ShouldBeTrue();

        var due = China.AddWorkingTime(utcStart, TimeSpan.FromHours(1));

        due.ShouldBe(Local("2026-03-09 09:30"));
        due.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void a_date_in_a_year_the_calendar_does_not_know_throws_naming_the_year()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => China.IsWorkingTime(Local("2028-01-04 10:00")))
            .Message.ShouldContain("2028");
        Should.Throw<ArgumentOutOfRangeException>(() => China.IsWorkingTime(Local("2025-12-31 10:00")))
            .Message.ShouldContain("2025");
    }

    [Fact]
    public void a_limit_running_past_the_last_known_year_throws_rather_than_guess_the_holidays()
    {
        // Friday 31 December 2027 has 1.5 working hours left; the rest would fall in 2028.
        Should.Throw<ArgumentOutOfRangeException>(() => China.AddWorkingTime(Local("2027-12-31 16:00"), TimeSpan.FromHours(2)))
            .Message.ShouldContain("2028");
        China.AddWorkingTime(Local("2027-12-31 16:00"), TimeSpan.FromHours(1.5)).ShouldBe(Local("2027-12-31 17:30"));
    }

    [Fact]
    public void the_year_is_the_local_year_not_the_utc_year()
    {
        var newYearsNightInChina = new DateTimeOffset(2027, 12, 31, 17, 0, 0, TimeSpan.Zero);

        Should.Throw<ArgumentOutOfRangeException>(() => China.IsWorkingTime(newYearsNightInChina)).Message.ShouldContain("2028");
    }

    [Fact]
    public void weekdays_only_knows_every_year_and_has_no_holidays()
    {
        var calendar = BusinessCalendar.WeekdaysOnly;

        calendar.IsWorkingTime(Local("2026-10-01 10:00")).ShouldBeTrue();
        calendar.IsWorkingTime(Local("2031-06-02 10:00")).ShouldBeTrue();
        calendar.IsWorkingTime(Local("2031-06-01 10:00")).ShouldBeFalse();
        calendar.AddWorkingTime(Local("2040-12-31 17:00"), TimeSpan.FromHours(1)).ShouldBe(Local("2041-01-01 09:00"));
    }

    [Fact]
    public void a_calendar_can_have_other_hours_an_offset_and_a_weekend()
    {
        var calendar = new BusinessCalendar(
            [2026],
            hours: [new(new TimeOnly(9, 0), new TimeOnly(17, 0))],
            utcOffset: TimeSpan.FromHours(5),
            weekend: [DayOfWeek.Friday]);

        calendar.WorkingDayLength.ShouldBe(TimeSpan.FromHours(8));
        var thursdayAtFour = new DateTimeOffset(2026, 3, 12, 16, 0, 0, TimeSpan.FromHours(5));
        calendar.AddWorkingTime(thursdayAtFour, TimeSpan.FromHours(2))
            .ShouldBe(new DateTimeOffset(2026, 3, 14, 10, 0, 0, TimeSpan.FromHours(5)));
    }

    [Fact]
    public void overlapping_or_backward_spans_are_refused()
    {
        Should.Throw<ArgumentException>(() => new BusinessCalendar([2026], hours:
            [new(new TimeOnly(8, 30), new TimeOnly(12, 0)), new(new TimeOnly(11, 0), new TimeOnly(17, 0))]));
        Should.Throw<ArgumentException>(() => new BusinessCalendar([2026], hours: [new(new TimeOnly(12, 0), new TimeOnly(8, 0))]));
        Should.Throw<ArgumentException>(() => new BusinessCalendar([2026], hours: []));
    }

    [Fact]
    public void a_day_cannot_be_both_a_holiday_and_a_working_day()
    {
        var day = new CalendarDay(new DateOnly(2026, 10, 10), "国庆节", "National Day");

        Should.Throw<ArgumentException>(() => new BusinessCalendar([2026], holidays: [day], adjustedWorkingDays: [day]));
    }

    [Fact]
    public void an_offset_of_more_than_fourteen_hours_is_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new BusinessCalendar([2026], utcOffset: TimeSpan.FromHours(15)));
    }
}
