using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Escalation.Domain.Timers;

/// <summary>How a time limit is counted.</summary>
public enum TimeLimitMeasure
{
    /// <summary>Clock time: nights, weekends and holidays count.</summary>
    ClockTime,

    /// <summary>Working time only, as the business calendar counts it.</summary>
    WorkingTime,

    /// <summary>Whole working days: n × the calendar's working-day length of working time.</summary>
    WorkingDays,
}

/// <summary>When the yellow light goes on and when the limit is spent (the red light).</summary>
public readonly record struct Deadline(DateTimeOffset YellowAt, DateTimeOffset DueAt);

/// <summary>
/// A time limit (时限): clock time ("30 minutes" is 30 minutes, night or holiday), working time ("4 working hours"),
/// or working days ("1 working day"). Written and read as text in those forms.
/// </summary>
public sealed record TimeLimit
{
    private TimeLimit(TimeLimitMeasure measure, TimeSpan length, int days)
    {
        Measure = measure;
        Length = length;
        Days = days;
    }

    public TimeLimitMeasure Measure { get; }

    /// <summary>The clock or working time; zero for a limit in working days.</summary>
    public TimeSpan Length { get; }

    /// <summary>The number of working days; zero for a limit in clock or working time.</summary>
    public int Days { get; }

    public static TimeLimit Clock(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        return new(TimeLimitMeasure.ClockTime, duration, 0);
    }

    public static TimeLimit Working(TimeSpan workingTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(workingTime, TimeSpan.Zero);
        return new(TimeLimitMeasure.WorkingTime, workingTime, 0);
    }

    public static TimeLimit WorkingDays(int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        return new(TimeLimitMeasure.WorkingDays, TimeSpan.Zero, days);
    }

    /// <summary>
    /// The deadline of a limit started at <paramref name="start"/>: due when the limit is spent, yellow when
    /// <paramref name="yellowShare"/> of it is, measured the same way (for a working limit, that share of its working time).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The share is not within 0 to 1, or a working limit runs into a year the calendar does not know.</exception>
    public Deadline Apply(DateTimeOffset start, BusinessCalendar calendar, double yellowShare)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (double.IsNaN(yellowShare) || yellowShare is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(yellowShare), yellowShare, "The yellow share must be between 0 and 1.");
        if (Measure == TimeLimitMeasure.ClockTime)
            return new(start + Length * yellowShare, start + Length);
        var workingTime = Measure == TimeLimitMeasure.WorkingDays ? calendar.WorkingDayLength * Days : Length;
        return new(calendar.AddWorkingTime(start, workingTime * yellowShare), calendar.AddWorkingTime(start, workingTime));
    }

    /// <summary>
    /// Reads "90 seconds", "30 minutes", "2 hours", "1 day" (clock time; a day is 24 hours), "45 working minutes", "4 working hours",
    /// "1 working day", "3 working days": a positive whole number, one space, the unit, singular or plural.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out TimeLimit? limit)
    {
        limit = null;
        var words = (text ?? "").Split(' ');
        if (words.Length is < 2 or > 3
            || !int.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count <= 0
            || (words.Length == 3 && words[1] != "working"))
        {
            return false;
        }
        var working = words.Length == 3;
        TimeSpan? unit = words[^1] switch
        {
            "second" or "seconds" => TimeSpan.FromSeconds(1),
            "minute" or "minutes" => TimeSpan.FromMinutes(1),
            "hour" or "hours" => TimeSpan.FromHours(1),
            "day" or "days" when !working => TimeSpan.FromDays(1),
            _ => null,
        };
        if (working && words[^1] is "day" or "days")
            limit = WorkingDays(count);
        else if (unit is { } length && count <= TimeSpan.MaxValue.Ticks / length.Ticks)
            limit = working ? Working(length * count) : Clock(length * count);
        return limit is not null;
    }

    /// <exception cref="FormatException">The text is not a time limit as <see cref="TryParse"/> reads them.</exception>
    public static TimeLimit Parse(string text) => TryParse(text, out var limit)
        ? limit
        : throw new FormatException($"'{text}' is not a time limit (expected e.g. \"30 minutes\", \"2 hours\", \"1 day\", \"4 working hours\", \"1 working day\").");

    /// <summary>The limit as <see cref="Parse"/> reads it, in the largest whole unit; a length of no whole minutes as hh:mm:ss.</summary>
    public override string ToString()
    {
        if (Measure == TimeLimitMeasure.WorkingDays)
            return Count(Days, "working day");
        var working = Measure == TimeLimitMeasure.WorkingTime ? "working " : "";
        if (Measure == TimeLimitMeasure.ClockTime && Length.Ticks % TimeSpan.TicksPerDay == 0)
            return Count((int)Length.TotalDays, "day");
        if (Length.Ticks % TimeSpan.TicksPerHour == 0)
            return Count((long)Length.TotalHours, working + "hour");
        if (Length.Ticks % TimeSpan.TicksPerMinute == 0)
            return Count((long)Length.TotalMinutes, working + "minute");
        return $"{Length:c} {(working.Length > 0 ? "working time" : "clock time")}";
    }

    private static string Count(long count, string unit) => count == 1 ? $"1 {unit}" : $"{count} {unit}s";
}
