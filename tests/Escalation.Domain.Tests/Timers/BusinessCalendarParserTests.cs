using System.Globalization;
using static Escalation.Domain.Tests.Timers.ShippedCalendar;

namespace Escalation.Domain.Tests.Timers;

public class BusinessCalendarParserTests
{
    private static string Holiday(string nameZh, string from, string to, params string[] adjusted) =>
        $$"""
        {"nameZh": "{{nameZh}}", "nameEn": "Holiday", "from": "{{from}}", "to": "{{to}}",
         "adjustedWorkingDays": [{{string.Join(", ", adjusted.Select(a => $"\"{a}\""))}}]}
        """;

    private static string Year(
        int year = 2026,
        string? holidays = null,
        string hours = """[{"start": "08:30", "end": "12:00"}, {"start": "13:30", "end": "17:30"}]""",
        string weekend = """["saturday", "sunday"]""",
        string utcOffset = "\"+08:00\"") =>
        $$"""
        {
          "year": {{year}},
          "utcOffset": {{utcOffset}},
          "hours": {{hours}},
          "weekend": {{weekend}},
          "holidays": [{{holidays ?? Holiday("国庆节", $"{year}-10-01", $"{year}-10-07", $"{year}-10-10")}}]
        }
        """;

    private static IReadOnlyList<string> ErrorsOf(params string[] jsons) =>
        Should.Throw<BusinessCalendarException>(() => BusinessCalendarParser.Parse(jsons)).Errors;

    [Fact]
    public void the_shipped_2026_and_2027_calendars_load_together()
    {
        China.Years.ShouldBe([2026, 2027]);
        China.Hours.ShouldBe(BusinessCalendar.ChinaHours);
        China.Weekend.ShouldBe([DayOfWeek.Saturday, DayOfWeek.Sunday], ignoreOrder: true);
        China.UtcOffset.ShouldBe(TimeSpan.FromHours(8));
    }

    [Fact]
    public void the_2026_calendar_follows_the_state_council_notice()
    {
        var holidays2026 = China.Holidays.Where(h => h.Date.Year == 2026).ToList();

        holidays2026.Count.ShouldBe(3 + 9 + 3 + 5 + 3 + 3 + 7);
        holidays2026.GroupBy(h => h.NameZh).Select(g => (g.Key, g.Min(h => h.Date), g.Max(h => h.Date))).ShouldBe(
        [
            ("元旦", Day("2026-01-01"), Day("2026-01-03")),
            ("春节", Day("2026-02-15"), Day("2026-02-23")),
            ("清明节", Day("2026-04-04"), Day("2026-04-06")),
            ("劳动节", Day("2026-05-01"), Day("2026-05-05")),
            ("端午节", Day("2026-06-19"), Day("2026-06-21")),
            ("中秋节", Day("2026-09-25"), Day("2026-09-27")),
            ("国庆节", Day("2026-10-01"), Day("2026-10-07")),
        ]);
        China.AdjustedWorkingDays.Where(a => a.Date.Year == 2026).Select(a => a.Date).ShouldBe(
            [Day("2026-01-04"), Day("2026-02-14"), Day("2026-02-28"), Day("2026-05-09"), Day("2026-09-20"), Day("2026-10-10")]);
    }

    [Fact]
    public void every_holiday_is_named_in_chinese_and_english()
    {
        China.Holidays.Concat(China.AdjustedWorkingDays)
            .ShouldAllBe(d => !string.IsNullOrWhiteSpace(d.NameZh) && !string.IsNullOrWhiteSpace(d.NameEn));
        China.Holidays.Single(h => h.Date == Day("2027-10-01")).NameEn.ShouldBe("National Day");
    }

    [Theory]
    [InlineData(2026)]
    [InlineData(2027)]
    public void the_statutory_days_are_all_holidays(int year)
    {
        // The national holiday rules as revised in 2024: New Year 1 day, Spring Festival 4 (eve to the third day),
        // Qingming 1 (5 April in both years), Labour Day 2, Dragon Boat 1 (5/5), Mid-Autumn 1 (8/15), National Day 3.
        var newYear = Lunar(year, 1, 1);
        DateOnly[] statutory =
        [
            new(year, 1, 1),
            newYear.AddDays(-1), newYear, newYear.AddDays(1), newYear.AddDays(2),
            new(year, 4, 5),
            new(year, 5, 1), new(year, 5, 2),
            Lunar(year, 5, 5),
            Lunar(year, 8, 15),
            new(year, 10, 1), new(year, 10, 2), new(year, 10, 3),
        ];

        statutory.ShouldAllBe(day => !China.IsWorkingDay(day));
    }

    [Fact]
    public void every_adjusted_working_day_is_a_weekend_day()
    {
        China.AdjustedWorkingDays.ShouldAllBe(d => d.Date.DayOfWeek == DayOfWeek.Saturday || d.Date.DayOfWeek == DayOfWeek.Sunday);
    }

    [Fact]
    public void no_one_works_more_than_six_days_in_a_row()
    {
        var longest = 0;
        var run = 0;
        for (var day = new DateOnly(2026, 1, 1); day.Year <= 2027; day = day.AddDays(1))
        {
            run = China.IsWorkingDay(day) ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        longest.ShouldBeLessThanOrEqualTo(6);
    }

    [Fact]
    public void hours_offset_and_weekend_may_be_left_out_for_chinas()
    {
        const string json = """{"year": 2026, "holidays": []}""";

        var calendar = BusinessCalendarParser.Parse(json);

        calendar.Hours.ShouldBe(BusinessCalendar.ChinaHours);
        calendar.UtcOffset.ShouldBe(TimeSpan.FromHours(8));
        calendar.Weekend.ShouldBe([DayOfWeek.Saturday, DayOfWeek.Sunday], ignoreOrder: true);
    }

    [Fact]
    public void a_holiday_may_begin_in_the_december_before()
    {
        var calendar = BusinessCalendarParser.Parse(Year(2023, Holiday("元旦", "2022-12-31", "2023-01-02")));

        calendar.Holidays.Select(h => h.Date).ShouldBe([Day("2022-12-31"), Day("2023-01-01"), Day("2023-01-02")]);
    }

    [Fact]
    public void no_file_is_an_error()
    {
        ErrorsOf().ShouldBe(["no calendar file was given"]);
    }

    [Fact]
    public void malformed_json_is_reported_with_the_files_position_and_line()
    {
        ErrorsOf(Year(), "{\n  \"year\": 2027,\n  \"holidays\": [}\n}")
            .ShouldHaveSingleItem().ShouldStartWith("calendar #2: malformed JSON at line 3");
    }

    [Fact]
    public void a_null_document_and_a_missing_year_are_reported()
    {
        ErrorsOf("null", """{"holidays": []}""").ShouldBe(
        [
            "calendar #1: the document is null, expected an object",
            "calendar #2: year is missing",
        ]);
    }

    [Fact]
    public void every_problem_in_a_file_is_reported_at_once_under_its_year()
    {
        var json = Year(
            holidays: string.Join(",",
                Holiday("春节", "2026-02-23", "2026-02-15"),
                Holiday("劳动节", "2026-05-01", "2026-05-32"),
                Holiday("国庆节", "2025-10-01", "2026-10-07", "2026-10-09"),
                Holiday("中秋节", "2026-10-01", "2026-10-01"),
                """{"nameEn": "Nameless"}"""),
            hours: """[{"start": "8:30", "end": "12:00"}, {"start": "14:00", "end": "13:30"}]""",
            weekend: """["saturday", "sun"]""",
            utcOffset: "\"+8\"");

        ErrorsOf(json).ShouldBe(
        [
            "calendar 2026: utcOffset '+8' is not an offset from -14:00 to +14:00 written like +08:00",
            "calendar 2026: hours[0].start '8:30' is not a time of day written HH:mm",
            "calendar 2026: hours[1] 14:00–13:30 does not end after it starts",
            "calendar 2026: weekend day 'sun' is unknown (expected one of sunday, monday, tuesday, wednesday, thursday, friday, saturday)",
            "calendar 2026: holidays[0] (春节): from 2026-02-23 is after to 2026-02-15",
            "calendar 2026: holidays[1] (劳动节).to '2026-05-32' is not a date written yyyy-MM-dd",
            "calendar 2026: holidays[2] (国庆节).from 2025-10-01 is not in 2026 (nor in the December before or the January after)",
            "calendar 2026: holidays[2] (国庆节): adjusted working day 2026-10-09 is a Friday, not a weekend day",
            "calendar 2026: holidays[4].nameZh is missing",
            "calendar 2026: holidays[4].from is missing",
            "calendar 2026: holidays[4].to is missing",
        ]);
    }

    [Fact]
    public void a_day_listed_twice_or_as_both_holiday_and_working_day_is_reported()
    {
        var json = Year(holidays: string.Join(",",
            Holiday("中秋节", "2026-09-25", "2026-10-01", "2026-09-27"),
            Holiday("国庆节", "2026-10-01", "2026-10-07")));

        ErrorsOf(json).ShouldBe(
        [
            "calendar 2026: holidays[0] (中秋节): adjusted working day 2026-09-27 is already listed by holidays[0] (中秋节)",
            "calendar 2026: holidays[1] (国庆节): 2026-10-01 is already listed by holidays[0] (中秋节)",
        ]);
    }

    [Fact]
    public void holidays_are_required()
    {
        ErrorsOf("""{"year": 2026}""").ShouldBe(["calendar 2026: holidays are missing"]);
    }

    [Fact]
    public void files_that_disagree_or_repeat_a_year_are_reported()
    {
        var errors = ErrorsOf(
            Year(2026),
            Year(2027, hours: """[{"start": "09:00", "end": "17:00"}]""", weekend: """["sunday"]""", utcOffset: "\"+07:00\""),
            Year(2026));

        errors.ShouldBe(
        [
            "calendar 2026: the year is given by 2 files",
            "calendar 2027: utcOffset +07:00 differs from calendar 2026's +08:00",
            "calendar 2027: hours 09:00–17:00 differ from calendar 2026's 08:30–12:00, 13:30–17:30",
            "calendar 2027: weekend sunday differs from calendar 2026's saturday, sunday",
        ]);
    }

    [Fact]
    public void a_day_listed_by_two_files_is_reported()
    {
        var errors = ErrorsOf(
            Year(2026, Holiday("元旦", "2026-12-31", "2027-01-01")),
            Year(2027, Holiday("元旦", "2027-01-01", "2027-01-03")));

        errors.ShouldBe(["calendar 2027: 2027-01-01 is also listed by calendar 2026"]);
    }

    private static DateOnly Lunar(int year, int month, int day)
    {
        var lunar = new ChineseLunisolarCalendar();
        var leap = lunar.GetLeapMonth(year);
        var monthIndex = leap > 0 && month >= leap ? month + 1 : month;
        return DateOnly.FromDateTime(lunar.ToDateTime(year, monthIndex, day, 0, 0, 0, 0));
    }
}
