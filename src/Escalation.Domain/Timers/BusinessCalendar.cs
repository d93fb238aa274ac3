namespace Escalation.Domain.Timers;

/// <summary>A daily span of working hours in local time, from <see cref="Start"/> up to (not including) <see cref="End"/>.</summary>
public readonly record struct WorkingSpan(TimeOnly Start, TimeOnly End)
{
    public TimeSpan Length => End - Start;
}

/// <summary>A dated calendar entry: a public holiday, or a weekend day made a working day (调休上班), with the holiday's name.</summary>
public sealed record CalendarDay(DateOnly Date, string NameZh, string NameEn);

/// <summary>
/// When a county works: daily working spans in local time at a fixed UTC offset (China: +08:00, no daylight saving),
/// a weekend, public holidays and the weekend days made working days (调休). Counts and adds working time.
/// A calendar built for some years knows only those years: asking about a date in any other year throws an
/// <see cref="ArgumentOutOfRangeException"/> naming the year, so that a missing year's holidays are never guessed;
/// <see cref="WeekdaysOnly"/> alone knows every year, having no holidays.
/// </summary>
public sealed class BusinessCalendar
{
    /// <summary>The usual hours of Chinese government offices: 08:30–12:00 and 13:30–17:30.</summary>
    public static IReadOnlyList<WorkingSpan> ChinaHours { get; } =
    [
        new(new TimeOnly(8, 30), new TimeOnly(12, 0)),
        new(new TimeOnly(13, 30), new TimeOnly(17, 30)),
    ];

    /// <summary>China Standard Time, UTC+08:00 all year.</summary>
    public static TimeSpan ChinaOffset { get; } = TimeSpan.FromHours(8);

    public static IReadOnlyList<DayOfWeek> SaturdayAndSunday { get; } = [DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>China's hours, offset and weekend, no holidays, every year known: for tests and for a county without a calendar yet.</summary>
    public static BusinessCalendar WeekdaysOnly { get; } = new(everyYear: true, [], [], [], ChinaHours, ChinaOffset, [.. SaturdayAndSunday]);

    private readonly HashSet<int>? _years;
    private readonly Dictionary<DateOnly, CalendarDay> _holidays;
    private readonly Dictionary<DateOnly, CalendarDay> _adjustedWorkingDays;
    private readonly HashSet<DayOfWeek> _weekend;
    private readonly WorkingSpan[] _hours;

    /// <param name="years">The years this calendar knows; holidays and adjusted days may also fall in a neighbouring year.</param>
    /// <param name="hours">Daily working spans, in order and not overlapping; China's hours when left out.</param>
    /// <param name="utcOffset">The local time's fixed offset from UTC, in whole minutes; +08:00 when left out.</param>
    /// <param name="weekend">The weekly days off; Saturday and Sunday when left out.</param>
    public BusinessCalendar(
        IEnumerable<int> years,
        IEnumerable<CalendarDay>? holidays = null,
        IEnumerable<CalendarDay>? adjustedWorkingDays = null,
        IReadOnlyList<WorkingSpan>? hours = null,
        TimeSpan? utcOffset = null,
        IEnumerable<DayOfWeek>? weekend = null)
        : this(
            everyYear: false,
            [.. years ?? throw new ArgumentNullException(nameof(years))],
            [.. holidays ?? []],
            [.. adjustedWorkingDays ?? []],
            hours ?? ChinaHours,
            utcOffset ?? ChinaOffset,
            [.. weekend ?? SaturdayAndSunday])
    {
    }

    private BusinessCalendar(
        bool everyYear,
        List<int> years,
        List<CalendarDay> holidays,
        List<CalendarDay> adjustedWorkingDays,
        IReadOnlyList<WorkingSpan> hours,
        TimeSpan utcOffset,
        List<DayOfWeek> weekend)
    {
        CheckHours(hours);
        if (utcOffset.Ticks % TimeSpan.TicksPerMinute != 0 || utcOffset.Duration() > TimeSpan.FromHours(14))
            throw new ArgumentOutOfRangeException(nameof(utcOffset), utcOffset, "The UTC offset must be whole minutes between -14:00 and +14:00.");
        var both = holidays.Select(h => h.Date).Intersect(adjustedWorkingDays.Select(a => a.Date)).ToList();
        if (both.Count > 0)
            throw new ArgumentException($"A day cannot be both a holiday and an adjusted working day: {string.Join(", ", both)}.", nameof(adjustedWorkingDays));

        if (weekend.Distinct().Count() == 7 && adjustedWorkingDays.Count == 0)
            throw new ArgumentException("A weekend of all seven days leaves no working day.", nameof(weekend));

        _years = everyYear ? null : [.. years];
        _holidays = ByDate(holidays, nameof(holidays));
        _adjustedWorkingDays = ByDate(adjustedWorkingDays, nameof(adjustedWorkingDays));
        _weekend = [.. weekend];
        _hours = [.. hours];
        UtcOffset = utcOffset;
        WorkingDayLength = TimeSpan.FromTicks(_hours.Sum(s => s.Length.Ticks));
        Years = [.. years.Distinct().Order()];
        Holidays = [.. _holidays.Values.OrderBy(h => h.Date)];
        AdjustedWorkingDays = [.. _adjustedWorkingDays.Values.OrderBy(a => a.Date)];
    }

    public IReadOnlyList<WorkingSpan> Hours => _hours;
    public TimeSpan UtcOffset { get; }
    public IReadOnlyCollection<DayOfWeek> Weekend => _weekend;

    /// <summary>The years this calendar knows, in order; empty for <see cref="WeekdaysOnly"/>, which knows every year.</summary>
    public IReadOnlyList<int> Years { get; }

    public IReadOnlyList<CalendarDay> Holidays { get; }
    public IReadOnlyList<CalendarDay> AdjustedWorkingDays { get; }

    /// <summary>The working time of one full working day (7.5 hours with China's hours).</summary>
    public TimeSpan WorkingDayLength { get; }

    public bool KnowsYear(int year) => _years is null || _years.Contains(year);

    /// <summary>A working day is an adjusted working day, or a day that is neither a holiday nor a weekend day.</summary>
    /// <exception cref="CalendarYearMissingException">The date's year is not known to this calendar.</exception>
    public bool IsWorkingDay(DateOnly date)
    {
        if (!KnowsYear(date.Year))
        {
            throw new CalendarYearMissingException(date, Years);
        }
        if (_adjustedWorkingDays.ContainsKey(date))
            return true;
        return !_holidays.ContainsKey(date) && !_weekend.Contains(date.DayOfWeek);
    }

    /// <summary>True from the start of a working span up to, not including, its end, on a working day.</summary>
    public bool IsWorkingTime(DateTimeOffset moment)
    {
        var (day, time) = Local(moment);
        return IsWorkingDay(day) && _hours.Any(s => s.Start.ToTimeSpan() <= time && time < s.End.ToTimeSpan());
    }

    /// <summary>
    /// The moment when <paramref name="workingTime"/> of working time has passed since <paramref name="start"/>, in the start's offset.
    /// A start outside working hours counts from the next working moment; a result that falls exactly on the end of a span stays
    /// there rather than moving to the next span; adding zero returns the start unchanged.
    /// </summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan workingTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingTime, TimeSpan.Zero);
        if (workingTime == TimeSpan.Zero)
            return start;
        var (day, time) = Local(start);
        var remaining = workingTime;
        for (; ; day = day.AddDays(1), time = TimeSpan.Zero)
        {
            if (!IsWorkingDay(day))
                continue;
            foreach (var span in _hours)
            {
                var from = Max(span.Start.ToTimeSpan(), time);
                var available = span.End.ToTimeSpan() - from;
                if (available <= TimeSpan.Zero)
                    continue;
                if (remaining <= available)
                    return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue) + from + remaining, UtcOffset).ToOffset(start.Offset);
                remaining -= available;
            }
        }
    }

    /// <summary>The working time in [<paramref name="from"/>, <paramref name="to"/>); negative when <paramref name="to"/> is earlier.</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
            return -WorkingTimeBetween(to, from);
        var (firstDay, fromTime) = Local(from);
        var (lastDay, toTime) = Local(to);
        var total = TimeSpan.Zero;
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            if (!IsWorkingDay(day))
                continue;
            var dayFrom = day == firstDay ? fromTime : TimeSpan.Zero;
            var dayTo = day == lastDay ? toTime : TimeSpan.FromDays(1);
            foreach (var span in _hours)
            {
                var overlap = Min(span.End.ToTimeSpan(), dayTo) - Max(span.Start.ToTimeSpan(), dayFrom);
                if (overlap > TimeSpan.Zero)
                    total += overlap;
            }
        }
        return total;
    }

    private (DateOnly Day, TimeSpan Time) Local(DateTimeOffset moment)
    {
        var local = moment.ToOffset(UtcOffset).DateTime;
        return (DateOnly.FromDateTime(local), local.TimeOfDay);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static void CheckHours(IReadOnlyList<WorkingSpan> hours)
    {
        if (hours.Count == 0)
            throw new ArgumentException("A business calendar needs at least one working span.", nameof(hours));
        for (var i = 0; i < hours.Count; i++)
        {
            if (hours[i].Start >= hours[i].End)
                throw new ArgumentException($"Working span {hours[i].Start}–{hours[i].End} does not end after it starts.", nameof(hours));
            if (i > 0 && hours[i].Start < hours[i - 1].End)
                throw new ArgumentException($"Working span {hours[i].Start}–{hours[i].End} starts before the previous one ends: spans must be in order and not overlap.", nameof(hours));
        }
    }

    private static Dictionary<DateOnly, CalendarDay> ByDate(List<CalendarDay> days, string parameter)
    {
        var repeated = days.GroupBy(d => d.Date).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
            throw new ArgumentException($"Days listed more than once: {string.Join(", ", repeated)}.", parameter);
        return days.ToDictionary(d => d.Date);
    }
}
