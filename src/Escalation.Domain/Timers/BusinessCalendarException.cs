namespace Escalation.Domain.Timers;

/// <summary>The business calendar files are unusable; <see cref="Errors"/> lists every problem found, each naming its file's year.</summary>
public sealed class BusinessCalendarException(IReadOnlyList<string> errors)
    : Exception("The business calendar is invalid:" + string.Concat(errors.Select(e => "\n- " + e)))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>
/// A date in a year the calendar does not know: working time cannot be counted there. A decision that needs it is
/// refused (<see cref="RuleCodes.CalendarMissing"/>) rather than guessed.
/// </summary>
public sealed class CalendarYearMissingException(DateOnly date, IReadOnlyList<int> knownYears) : ArgumentOutOfRangeException(
    nameof(date), date, $"The business calendar does not know the year {date.Year} (it knows {string.Join(", ", knownYears)}): add that year's calendar.")
{
    public DateOnly Date { get; } = date;
}
