using Escalation.Domain.Reference;
using Escalation.Domain.Timers;
using Escalation.Host.Infrastructure;

namespace Escalation.Host.Reference;

/// <summary>
/// Loads and validates, at start-up, the county's reference data file (<c>Escalation:ReferenceData</c>) and its
/// business calendar: every <c>calendar-*.json</c> in <c>Escalation:Calendars</c> (a folder; default the data file's).
/// </summary>
public static class ReferenceDataLoader
{
    public const string Setting = "Escalation:ReferenceData";
    public const string CalendarSetting = "Escalation:Calendars";
    public const string Default = "Data/sample-county.json";

    /// <summary>Where the county file is: read at every start, taken as the county only on the first (see docs/county.md).</summary>
    public static string PathOf(IConfiguration configuration) => Path.GetFullPath(configuration[Setting] ?? Default, AppContext.BaseDirectory);

    public static ReferenceData Load(IConfiguration configuration)
    {
        var path = PathOf(configuration);
        if (!File.Exists(path))
            throw new StartupException($"{Setting}: the reference data file '{path}' does not exist.");
        ReferenceData reference;
        try
        {
            reference = ReferenceDataParser.Parse(File.ReadAllText(path));
        }
        catch (ReferenceDataException e)
        {
            throw new StartupException($"{Setting}: '{path}' is not valid reference data:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", e.Errors)}");
        }
        return reference.WithCalendar(LoadCalendar(configuration, Path.GetDirectoryName(path)!));
    }

    private static BusinessCalendar LoadCalendar(IConfiguration configuration, string defaultFolder)
    {
        var folder = Path.GetFullPath(configuration[CalendarSetting] ?? defaultFolder, AppContext.BaseDirectory);
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "calendar-*.json").Order(StringComparer.Ordinal).ToArray() : [];
        if (files.Length == 0)
            throw new StartupException($"{CalendarSetting}: no calendar-<year>.json files in '{folder}': the time limits need the working days of each year in use.");
        try
        {
            return BusinessCalendarParser.Parse([.. files.Select(File.ReadAllText)]);
        }
        catch (BusinessCalendarException e)
        {
            throw new StartupException($"{CalendarSetting}: the calendar in '{folder}' is not valid:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", e.Errors)}");
        }
    }
}
