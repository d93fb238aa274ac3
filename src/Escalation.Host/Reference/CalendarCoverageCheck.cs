using System.Globalization;
using Escalation.Domain.Timers;

namespace Escalation.Host.Reference;

/// <summary>
/// Warns at start-up when the business calendar ends less than <see cref="NoticeDays"/> days from now: a working-time
/// limit that runs past its last year cannot be counted, so the next year's file must be added before then.
/// </summary>
public sealed partial class CalendarCoverageCheck(Escalation.Host.Organisation.CountyReference county, TimeProvider clock, ILogger<CalendarCoverageCheck> logger)
    : IHostedService
{
    public const int NoticeDays = 60;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (LastCoveredDay(county.Calendar, clock.GetUtcNow()) is { } last)
        {
            CalendarEndsSoon(
                logger, last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), NoticeDays, ReferenceDataLoader.CalendarSetting, last.Year + 1);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The last day of the calendar's last year when it comes less than <see cref="NoticeDays"/> days after today (or
    /// has passed); null when it is further off, or when the calendar knows every year.
    /// </summary>
    public static DateOnly? LastCoveredDay(BusinessCalendar calendar, DateTimeOffset now)
    {
        if (calendar.Years.Count == 0)
            return null;
        var last = new DateOnly(calendar.Years[^1], 12, 31);
        var today = DateOnly.FromDateTime(now.ToOffset(calendar.UtcOffset).DateTime);
        return last < today.AddDays(NoticeDays) ? last : null;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The business calendar ends on {LastCoveredDay}, less than {NoticeDays} days from now: a working-time limit that runs past it " +
            "cannot be counted. Add calendar-{NextYear}.json to the folder of the setting {Setting} before then.")]
    private static partial void CalendarEndsSoon(ILogger logger, string lastCoveredDay, int noticeDays, string setting, int nextYear);
}
