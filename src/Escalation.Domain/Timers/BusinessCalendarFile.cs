namespace Escalation.Domain.Timers;

// A year's calendar file as written: every field optional and dates, times and days as strings, so that the parser
// can report everything missing or malformed at once. "source" and "note" are descriptive only.

internal sealed record CalendarFile(
    int? Year,
    string? UtcOffset,
    IReadOnlyList<SpanEntry?>? Hours,
    IReadOnlyList<string?>? Weekend,
    IReadOnlyList<HolidayEntry?>? Holidays);

internal sealed record SpanEntry(string? Start, string? End);

/// <param name="From">The first day off, yyyy-MM-dd.</param>
/// <param name="To">The last day off, inclusive.</param>
/// <param name="AdjustedWorkingDays">Weekend days worked to make up for this holiday (调休上班).</param>
internal sealed record HolidayEntry(
    string? NameZh,
    string? NameEn,
    string? From,
    string? To,
    IReadOnlyList<string?>? AdjustedWorkingDays);
