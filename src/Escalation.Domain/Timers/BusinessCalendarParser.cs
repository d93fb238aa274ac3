using System.Globalization;
using System.Text.Json;
using Escalation.Domain.Reference;

namespace Escalation.Domain.Timers;

/// <summary>
/// Reads a county's business calendar, one JSON file per year (camelCase), and checks the files whole: each file's
/// fields and dates, and that the files agree on hours, offset and weekend and do not contradict each other.
/// "utcOffset", "hours" and "weekend" may be left out: +08:00, 08:30–12:00 and 13:30–17:30, Saturday and Sunday.
/// </summary>
public static class BusinessCalendarParser
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <exception cref="BusinessCalendarException">With every problem found, each naming its file by year (or by position when the year is unreadable).</exception>
    public static BusinessCalendar Parse(params string[] jsons)
    {
        ArgumentNullException.ThrowIfNull(jsons);
        if (jsons.Length == 0)
            throw new BusinessCalendarException(["no calendar file was given"]);

        var errors = new List<string>();
        var years = new List<CalendarYear>();
        for (var i = 0; i < jsons.Length; i++)
        {
            if (Read(jsons[i], i, errors) is { } year)
                years.Add(year);
        }
        CheckAgreement(years, errors);
        if (errors.Count > 0)
            throw new BusinessCalendarException(errors);

        var first = years[0];
        return new BusinessCalendar(
            years.Select(y => y.Year),
            years.SelectMany(y => y.Holidays),
            years.SelectMany(y => y.AdjustedWorkingDays),
            first.Hours,
            first.UtcOffset,
            first.Weekend);
    }

    private sealed record CalendarYear(
        int Year,
        string Label,
        TimeSpan UtcOffset,
        IReadOnlyList<WorkingSpan> Hours,
        IReadOnlyList<DayOfWeek> Weekend,
        IReadOnlyList<CalendarDay> Holidays,
        IReadOnlyList<CalendarDay> AdjustedWorkingDays);

    /// <summary>One file read and checked on its own, or null when it has errors (added to <paramref name="errors"/>).</summary>
    private static CalendarYear? Read(string? json, int index, List<string> errors)
    {
        var label = $"calendar #{index + 1}";
        CalendarFile? file;
        try
        {
            file = JsonSerializer.Deserialize<CalendarFile>(json ?? "", Options);
        }
        catch (JsonException e)
        {
            errors.Add($"{label}: {ReferenceDataParser.Malformed(e)}");
            return null;
        }
        if (file is null)
        {
            errors.Add($"{label}: the document is null, expected an object");
            return null;
        }
        if (file.Year is not { } year)
        {
            errors.Add($"{label}: year is missing");
            return null;
        }
        if (year is < 1 or > 9998)
        {
            errors.Add($"{label}: year {year} is out of range");
            return null;
        }

        var check = new Check($"calendar {year}", errors);
        var utcOffset = ReadOffset(file.UtcOffset, check);
        var hours = ReadHours(file.Hours, check);
        var weekend = ReadWeekend(file.Weekend, check);
        var (holidays, adjusted) = ReadHolidays(file.Holidays, year, weekend, check);
        return check.Failed ? null : new CalendarYear(year, check.Label, utcOffset, hours, weekend, holidays, adjusted);
    }

    private static TimeSpan ReadOffset(string? text, Check check)
    {
        if (text is null)
            return BusinessCalendar.ChinaOffset;
        if (text.Length == 6
            && text[0] is '+' or '-'
            && TimeSpan.TryParseExact(text[1..], @"hh\:mm", CultureInfo.InvariantCulture, out var offset)
            && offset <= TimeSpan.FromHours(14))
        {
            return text[0] == '-' ? -offset : offset;
        }
        check.Fail($"utcOffset '{text}' is not an offset from -14:00 to +14:00 written like +08:00");
        return default;
    }

    private static List<WorkingSpan> ReadHours(IReadOnlyList<SpanEntry?>? entries, Check check)
    {
        if (entries is null)
            return [.. BusinessCalendar.ChinaHours];
        if (entries.Count == 0)
            check.Fail("hours are empty: a calendar needs at least one working span");
        var hours = new List<WorkingSpan>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i] is not { } entry)
            {
                check.Fail($"hours[{i}] is null");
                continue;
            }
            var start = check.Time(entry.Start, $"hours[{i}].start");
            var end = check.Time(entry.End, $"hours[{i}].end");
            if (start is null || end is null)
                continue;
            if (start >= end)
                check.Fail($"hours[{i}] {entry.Start}–{entry.End} does not end after it starts");
            else if (hours.Count > 0 && start < hours[^1].End)
                check.Fail($"hours[{i}] {entry.Start}–{entry.End} starts before the span before it ends: spans must be in order and not overlap");
            else
                hours.Add(new WorkingSpan(start.Value, end.Value));
        }
        return hours;
    }

    private static List<DayOfWeek> ReadWeekend(IReadOnlyList<string?>? entries, Check check)
    {
        if (entries is null)
            return [.. BusinessCalendar.SaturdayAndSunday];
        var weekend = new List<DayOfWeek>();
        foreach (var entry in entries)
        {
            var day = Enum.GetValues<DayOfWeek>().Where(d => NameOf(d) == entry).Select(d => (DayOfWeek?)d).FirstOrDefault();
            if (day is null)
                check.Fail($"weekend day '{entry}' is unknown (expected one of {string.Join(", ", Enum.GetValues<DayOfWeek>().Select(NameOf))})");
            else if (weekend.Contains(day.Value))
                check.Fail($"weekend day '{entry}' appears more than once");
            else
                weekend.Add(day.Value);
        }
        if (weekend.Count == 7)
            check.Fail("every day of the week is a weekend day");
        return weekend;
    }

    private static (List<CalendarDay> Holidays, List<CalendarDay> Adjusted) ReadHolidays(
        IReadOnlyList<HolidayEntry?>? entries, int year, List<DayOfWeek> weekend, Check check)
    {
        var holidays = new List<CalendarDay>();
        var adjusted = new List<CalendarDay>();
        if (entries is null)
        {
            check.Fail("holidays are missing");
            return (holidays, adjusted);
        }
        var named = new Dictionary<DateOnly, string>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i] is not { } entry)
            {
                check.Fail($"holidays[{i}] is null");
                continue;
            }
            var where = string.IsNullOrWhiteSpace(entry.NameZh) ? $"holidays[{i}]" : $"holidays[{i}] ({entry.NameZh})";
            var nameZh = check.Text(entry.NameZh, $"holidays[{i}].nameZh");
            var nameEn = check.Text(entry.NameEn, $"holidays[{i}].nameEn");
            var from = check.Date(entry.From, year, $"{where}.from");
            var to = check.Date(entry.To, year, $"{where}.to");
            if (from is not null && to is not null && from > to)
                check.Fail($"{where}: from {entry.From} is after to {entry.To}");
            else if (from is not null && to is not null)
            {
                for (var day = from.Value; day <= to.Value; day = day.AddDays(1))
                {
                    if (named.TryAdd(day, where))
                        holidays.Add(new CalendarDay(day, nameZh, nameEn));
                    else
                        check.Fail($"{where}: {Iso(day)} is already listed by {named[day]}");
                }
            }
            var workingDays = entry.AdjustedWorkingDays ?? [];
            for (var j = 0; j < workingDays.Count; j++)
            {
                if (check.Date(workingDays[j], year, $"{where}.adjustedWorkingDays[{j}]") is not { } day)
                    continue;
                if (!weekend.Contains(day.DayOfWeek))
                    check.Fail($"{where}: adjusted working day {Iso(day)} is a {day.DayOfWeek}, not a weekend day");
                else if (named.TryAdd(day, where))
                    adjusted.Add(new CalendarDay(day, nameZh, nameEn));
                else
                    check.Fail($"{where}: adjusted working day {Iso(day)} is already listed by {named[day]}");
            }
        }
        return (holidays, adjusted);
    }

    /// <summary>Files must agree on everything but their holidays, cover a year once, and not list a day twice.</summary>
    private static void CheckAgreement(List<CalendarYear> years, List<string> errors)
    {
        if (years.Count == 0)
            return;
        foreach (var repeated in years.GroupBy(y => y.Year).Where(g => g.Count() > 1))
            errors.Add($"calendar {repeated.Key}: the year is given by {repeated.Count()} files");
        var first = years[0];
        foreach (var other in years.Skip(1))
        {
            if (other.UtcOffset != first.UtcOffset)
                errors.Add($"{other.Label}: utcOffset {Offset(other.UtcOffset)} differs from {first.Label}'s {Offset(first.UtcOffset)}");
            if (!other.Hours.SequenceEqual(first.Hours))
                errors.Add($"{other.Label}: hours {Spans(other.Hours)} differ from {first.Label}'s {Spans(first.Hours)}");
            if (!other.Weekend.Order().SequenceEqual(first.Weekend.Order()))
                errors.Add($"{other.Label}: weekend {string.Join(", ", other.Weekend.Select(NameOf))} differs from {first.Label}'s {string.Join(", ", first.Weekend.Select(NameOf))}");
        }
        var listedBy = new Dictionary<DateOnly, string>();
        foreach (var year in years)
        {
            foreach (var day in year.Holidays.Concat(year.AdjustedWorkingDays).Select(d => d.Date))
            {
                if (!listedBy.TryAdd(day, year.Label) && listedBy[day] != year.Label)
                    errors.Add($"{year.Label}: {Iso(day)} is also listed by {listedBy[day]}");
            }
        }
    }

    private static string NameOf(DayOfWeek day) => JsonNamingPolicy.CamelCase.ConvertName(day.ToString());

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Offset(TimeSpan offset) => (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    private static string Spans(IEnumerable<WorkingSpan> spans) =>
        string.Join(", ", spans.Select(s => $"{s.Start:HH:mm}–{s.End:HH:mm}"));

    /// <summary>Reads one file's fields, reporting each problem prefixed with the file's label.</summary>
    private sealed class Check(string label, List<string> errors)
    {
        public string Label => label;
        public bool Failed { get; private set; }

        public void Fail(string problem)
        {
            errors.Add($"{label}: {problem}");
            Failed = true;
        }

        public string Text(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
                Fail($"{field} is missing");
            return value ?? "";
        }

        /// <summary>A time of day written HH:mm.</summary>
        public TimeOnly? Time(string? value, string field)
        {
            if (value is null)
                Fail($"{field} is missing");
            else if (TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
                return time;
            else
                Fail($"{field} '{value}' is not a time of day written HH:mm");
            return null;
        }

        /// <summary>A date written yyyy-MM-dd in the file's year, or in the December before or the January after it.</summary>
        public DateOnly? Date(string? value, int year, string field)
        {
            if (value is null)
            {
                Fail($"{field} is missing");
                return null;
            }
            if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                Fail($"{field} '{value}' is not a date written yyyy-MM-dd");
                return null;
            }
            var near = date.Year == year
                || (date.Year == year - 1 && date.Month == 12)
                || (date.Year == year + 1 && date.Month == 1);
            if (!near)
            {
                Fail($"{field} {value} is not in {year} (nor in the December before or the January after)");
                return null;
            }
            return date;
        }
    }
}
