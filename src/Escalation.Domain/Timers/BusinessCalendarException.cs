namespace Escalation.Domain.Timers;

/// <summary>The business calendar files are unusable; <see cref="Errors"/> lists every problem found, each naming its file's year.</summary>
public sealed class BusinessCalendarException(IReadOnlyList<string> errors)
    : Exception("The business calendar is invalid:" + string.Concat(errors.Select(e => "\n- " + e)))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
