using System.Globalization;

namespace Escalation.Domain.Tests.Timers;

/// <summary>The shipped 2026 and 2027 calendars, read from the host's data folder, and local (UTC+8) times to test them with.</summary>
internal static class ShippedCalendar
{
    public const string Year2026 = "src/Escalation.Host/Data/calendar-2026.json";
    public const string Year2027 = "src/Escalation.Host/Data/calendar-2027.json";

    private static readonly Lazy<BusinessCalendar> Loaded =
        new(() => BusinessCalendarParser.Parse(RepositoryFile.Read(Year2026), RepositoryFile.Read(Year2027)));

    public static BusinessCalendar China => Loaded.Value;

    /// <summary>A moment in China's local time, written "yyyy-MM-dd HH:mm".</summary>
    public static DateTimeOffset Local(string moment) =>
        DateTimeOffset.ParseExact(moment + " +08:00", "yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);

    public static DateOnly Day(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
