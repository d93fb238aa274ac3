using System.Text.Json;
using Escalation.Domain.Timers;

namespace Escalation.Domain.Reference;

/// <summary>
/// Reads a county's reference data file (JSON, camelCase) and checks it whole: required fields, enum values,
/// duplicate codes, the jurisdiction tree, departments' powers and users' places; and the optional "timeLimits"
/// section, which overrides the default time limits (TimeLimitSettings.Default) one value at a time.
/// </summary>
public static class ReferenceDataParser
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <exception cref="ReferenceDataException">With every problem found, each naming the line or the code at fault.</exception>
    public static ReferenceData Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        ReferenceDataFile? file;
        try
        {
            file = JsonSerializer.Deserialize<ReferenceDataFile>(json, Options);
        }
        catch (JsonException e)
        {
            throw new ReferenceDataException([Malformed(e)]);
        }
        if (file is null)
            throw new ReferenceDataException(["the document is null, expected an object"]);

        // Codes as written, faulty entries included, so that one bad entry is not also reported
        // as "unknown" by everything that refers to it.
        var written = new WrittenCodes(
            Units: Present(file.Units?.Select(u => u?.Code)),
            Departments: Present(file.Departments?.Select(d => d?.Code)),
            Matters: Present(file.Catalogue?.Select(m => m?.Code)),
            Powers: Present(file.Departments?.SelectMany(d => d?.Powers ?? [])));

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(file.Version))
            errors.Add("version is missing");
        var units = ReadUnits(file.Units, errors);
        var unitsByCode = CheckTree(units, written, errors);
        var departments = ReadDepartments(file.Departments, written, errors);
        var catalogue = ReadCatalogue(file.Catalogue, written, errors);
        var users = ReadUsers(file.Users ?? [], unitsByCode, written, errors);
        var timeLimits = ReadTimeLimits(file.TimeLimits, errors);

        if (errors.Count > 0)
            throw new ReferenceDataException(errors);
        return new ReferenceData(
            file.Version!, units, departments, catalogue, users, new TimeLimitPolicy(BusinessCalendar.WeekdaysOnly, timeLimits));
    }

    private sealed record WrittenCodes(
        IReadOnlySet<string> Units,
        IReadOnlySet<string> Departments,
        IReadOnlySet<string> Matters,
        IReadOnlySet<string> Powers);

    internal static string Malformed(JsonException e)
    {
        // The exception's message ends with its own path and 0-based position; keep the reason only.
        var reason = e.Message;
        var suffix = reason.IndexOf(" Path: ", StringComparison.Ordinal);
        if (suffix > 0)
            reason = reason[..suffix];
        return e.LineNumber is { } line
            ? $"malformed JSON at line {line + 1}, byte {e.BytePositionInLine + 1} ({e.Path}): {reason}"
            : $"malformed JSON: {reason}";
    }

    private static List<Unit> ReadUnits(IReadOnlyList<UnitEntry?>? entries, List<string> errors)
    {
        var units = new List<Unit>();
        foreach (var (check, entry) in Entries(entries, "units", "unit", u => u.Code, errors))
        {
            var unit = new Unit(
                check.Text(entry.Code, "code"),
                check.Text(entry.NameZh, "nameZh"),
                check.Text(entry.NameEn, "nameEn"),
                check.Choice<UnitKind>(entry.Kind, "kind"),
                string.IsNullOrWhiteSpace(entry.ParentCode) ? null : entry.ParentCode,
                entry.Calendar is null ? UnitCalendar.County : check.Choice<UnitCalendar>(entry.Calendar, "calendar"));
            if (!check.Failed)
                units.Add(unit);
        }
        ReportDuplicates(entries?.Select(u => u?.Code), "unit", errors);
        return units;
    }

    private static Dictionary<string, Unit> CheckTree(List<Unit> units, WrittenCodes written, List<string> errors)
    {
        var counties = units.Where(u => u.Kind == UnitKind.County).Select(u => u.Code).ToList();
        if (counties.Count == 0)
            errors.Add("there is no unit of kind county");
        if (counties.Count > 1)
            errors.Add($"there is more than one county: {string.Join(", ", counties)}");

        var byCode = new Dictionary<string, Unit>(StringComparer.Ordinal);
        foreach (var unit in units)
            byCode.TryAdd(unit.Code, unit);

        foreach (var unit in units)
        {
            if (unit.Kind == UnitKind.County)
            {
                if (unit.ParentCode is not null)
                    errors.Add($"unit {unit.Code}: the county cannot have a parent ({unit.ParentCode})");
            }
            else if (unit.ParentCode is null)
                errors.Add($"unit {unit.Code}: parentCode is missing");
            else if (!written.Units.Contains(unit.ParentCode))
                errors.Add($"unit {unit.Code}: parent {unit.ParentCode} is unknown");
            else if (byCode.TryGetValue(unit.ParentCode, out var parent) && !ParentKindsOf(unit.Kind).Contains(parent.Kind))
                errors.Add($"unit {unit.Code}: a {NameOf(unit.Kind)} cannot sit under {NameOf(parent.Kind)} {parent.Code}");
        }
        ReportCycles(byCode, errors);
        return byCode;
    }

    /// <summary>Villages and communities are accepted under either a township or a street: real places mix them.</summary>
    private static UnitKind[] ParentKindsOf(UnitKind kind) => kind switch
    {
        UnitKind.Township or UnitKind.Street => [UnitKind.County],
        UnitKind.Village or UnitKind.Community => [UnitKind.Township, UnitKind.Street],
        UnitKind.Grid => [UnitKind.Village, UnitKind.Community],
        _ => [],
    };

    /// <summary>Walks each parent chain once; a chain that comes back to a unit already on it is a cycle.</summary>
    private static void ReportCycles(Dictionary<string, Unit> byCode, List<string> errors)
    {
        var walked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in byCode.Keys)
        {
            var chain = new List<string>();
            for (var code = start; code is not null && !walked.Contains(code) && byCode.TryGetValue(code, out var unit); code = unit.ParentCode)
            {
                var first = chain.IndexOf(code);
                if (first >= 0)
                {
                    errors.Add($"units {string.Join(" → ", chain.Skip(first).Append(code))} form a cycle in the parent chain");
                    break;
                }
                chain.Add(code);
            }
            walked.UnionWith(chain);
        }
    }

    private static List<Department> ReadDepartments(IReadOnlyList<DepartmentEntry?>? entries, WrittenCodes written, List<string> errors)
    {
        var departments = new List<Department>();
        foreach (var (check, entry) in Entries(entries, "departments", "department", d => d.Code, errors))
        {
            var department = new Department(
                check.Text(entry.Code, "code"),
                check.Text(entry.NameZh, "nameZh"),
                check.Text(entry.NameEn, "nameEn"),
                check.Codes(entry.Powers, "powers"));
            foreach (var power in department.Powers.Where(p => !written.Matters.Contains(p)))
                check.Fail($"power {power} is not in the catalogue");
            if (!check.Failed)
                departments.Add(department);
        }
        ReportDuplicates(entries?.Select(d => d?.Code), "department", errors);
        return departments;
    }

    private static List<Matter> ReadCatalogue(IReadOnlyList<MatterEntry?>? entries, WrittenCodes written, List<string> errors)
    {
        var catalogue = new List<Matter>();
        foreach (var (check, entry) in Entries(entries, "catalogue", "matter", m => m.Code, errors))
        {
            var matter = new Matter(
                check.Text(entry.Code, "code"),
                check.Text(entry.NameZh, "nameZh"),
                check.Text(entry.NameEn, "nameEn"),
                check.Choice<MatterDomain>(entry.Domain, "domain"),
                check.Level(entry.Level),
                check.Choice<Tier>(entry.FirstTier, "firstTier"),
                check.Codes(entry.Departments, "departments"),
                check.Choice<TimeLimitClass>(entry.TimeLimit, "timeLimit"));
            foreach (var department in matter.Departments.Where(d => !written.Departments.Contains(d)))
                check.Fail($"department {department} is unknown");
            if (!string.IsNullOrWhiteSpace(entry.Code) && !written.Powers.Contains(entry.Code))
                check.Fail("no department has power over it");
            if (!check.Failed)
                catalogue.Add(matter);
        }
        ReportDuplicates(entries?.Select(m => m?.Code), "matter", errors);
        return catalogue;
    }

    private static List<User> ReadUsers(
        IReadOnlyList<UserEntry?> entries, Dictionary<string, Unit> unitsByCode, WrittenCodes written, List<string> errors)
    {
        var users = new List<User>();
        foreach (var (check, entry) in Entries(entries, "users", "user", u => u.Id, errors))
        {
            var user = new User(
                check.Text(entry.Id, "id"),
                check.Text(entry.NameZh, "nameZh"),
                check.Text(entry.NameEn, "nameEn"),
                check.Choice<Role>(entry.Role, "role"),
                check.Text(entry.UnitCode, "unitCode"),
                entry.Disabled ?? false);
            if (check.Failed)
                continue;
            if (Misfit(user, unitsByCode, written) is { } misfit)
                check.Fail(misfit);
            else
                users.Add(user);
        }
        ReportDuplicates(entries.Select(u => u?.Id), "user", errors);
        return users;
    }

    /// <summary>Why the user's role cannot sit at its unit, or null when it fits.</summary>
    private static string? Misfit(User user, Dictionary<string, Unit> unitsByCode, WrittenCodes written)
    {
        if (user.Role == Role.Department)
            return written.Departments.Contains(user.UnitCode) ? null : $"a department handler's unitCode {user.UnitCode} is not a department";
        if (!written.Units.Contains(user.UnitCode))
            return $"unit {user.UnitCode} is unknown";
        if (!unitsByCode.TryGetValue(user.UnitCode, out var unit))
            return null;
        return user.Role switch
        {
            Role.Dispatcher when unit.Tier is null =>
                $"a dispatcher sits at a village, community, township, street or the county, not at {NameOf(unit.Kind)} {unit.Code}",
            Role.Operator or Role.Auditor or Role.Administrator or Role.Callback when unit.Kind != UnitKind.County =>
                $"an {NameOf(user.Role)} belongs to the county, not to {unit.Code}",
            _ => null,
        };
    }

    /// <summary>The default time limits with the file's overrides; the section and each of its parts may be left out.</summary>
    private static TimeLimitSettings ReadTimeLimits(TimeLimitsEntry? entry, List<string> errors)
    {
        var defaults = TimeLimitSettings.Default;
        if (entry is null)
            return defaults;
        if (entry.YellowShare is { } share && !(share is > 0 and < 1))
            errors.Add($"timeLimits.yellowShare {share} is not between 0 and 1");

        var accept = Limits(entry.Accept, defaults.Accept, "timeLimits.accept", "urgency", errors);
        var resolve = new Dictionary<TimeLimitClass, IReadOnlyDictionary<Tier, TimeLimit>>(defaults.Resolve);
        foreach (var (classKey, tiers) in entry.Resolve ?? new Dictionary<string, IReadOnlyDictionary<string, string?>?>())
        {
            if (Key<TimeLimitClass>(classKey, "timeLimits.resolve", "time-limit class", errors) is not { } limitClass)
                continue;
            if (tiers is null)
                errors.Add($"timeLimits.resolve.{classKey} is null");
            else
                resolve[limitClass] = Limits(tiers, defaults.Resolve[limitClass], $"timeLimits.resolve.{classKey}", "tier", errors);
        }

        return new TimeLimitSettings(
            accept,
            resolve,
            Limits(entry.ResolveCap, defaults.ResolveCap, "timeLimits.resolveCap", "urgency", errors),
            Limits(entry.ReportIn, defaults.ReportIn, "timeLimits.reportIn", "urgency", errors),
            entry.YellowShare ?? defaults.YellowShare)
        {
            ExtensionReview = Single(entry.ExtensionReview, defaults.ExtensionReview, "timeLimits.extensionReview", errors),
            Pause = Single(entry.Pause, defaults.Pause, "timeLimits.pause", errors),
            Triage = Limits(entry.Triage, defaults.Triage, "timeLimits.triage", "urgency", errors),
            Case = Limits(entry.Case, defaults.Case, "timeLimits.case", "time-limit class", errors),
            CaseCap = Limits(entry.CaseCap, defaults.CaseCap, "timeLimits.caseCap", "urgency", errors),
            ReturnWindow = Single(entry.ReturnWindow, defaults.ReturnWindow, "timeLimits.returnWindow", errors),
            Callback = Limits(entry.Callback, defaults.Callback, "timeLimits.callback", "time-limit class", errors),
        };
    }

    /// <summary>The default limits with those written under <paramref name="path"/> in their place.</summary>
    private static Dictionary<TKey, TimeLimit> Limits<TKey>(
        IReadOnlyDictionary<string, string?>? written, IReadOnlyDictionary<TKey, TimeLimit> defaults, string path, string noun, List<string> errors)
        where TKey : struct, Enum
    {
        var limits = new Dictionary<TKey, TimeLimit>(defaults);
        foreach (var (key, text) in written ?? new Dictionary<string, string?>())
        {
            if (Key<TKey>(key, path, noun, errors) is not { } choice)
                continue;
            if (TimeLimit.TryParse(text, out var limit))
                limits[choice] = limit;
            else
                errors.Add($"{path}.{key}: {(text is null ? "null" : $"'{text}'")} is not a time limit (expected e.g. \"30 minutes\", \"2 hours\", \"1 day\", \"4 working hours\", \"1 working day\")");
        }
        return limits;
    }

    /// <summary>One limit written as text, or the default when it is left out.</summary>
    private static TimeLimit Single(string? text, TimeLimit fallback, string path, List<string> errors)
    {
        if (text is null)
            return fallback;
        if (TimeLimit.TryParse(text, out var limit))
            return limit;
        errors.Add($"{path}: '{text}' is not a time limit (expected e.g. \"30 minutes\", \"2 hours\", \"1 day\", \"4 working hours\", \"1 working day\")");
        return fallback;
    }

    private static TEnum? Key<TEnum>(string key, string path, string noun, List<string> errors) where TEnum : struct, Enum
    {
        var choices = Enum.GetValues<TEnum>();
        foreach (var choice in choices)
        {
            if (string.Equals(NameOf(choice), key, StringComparison.Ordinal))
                return choice;
        }
        errors.Add($"{path}: {noun} '{key}' is unknown (expected one of {string.Join(", ", choices.Select(NameOf))})");
        return null;
    }

    /// <summary>The entries of a section, each with a check labelled by its code, or by its index when the code is blank.</summary>
    private static IEnumerable<(EntryCheck Check, T Entry)> Entries<T>(
        IReadOnlyList<T?>? entries, string section, string noun, Func<T, string?> code, List<string> errors)
        where T : class
    {
        if (entries is null)
        {
            errors.Add($"{section} are missing");
            yield break;
        }
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i] is not { } entry)
            {
                errors.Add($"{section}[{i}] is null");
                continue;
            }
            var label = code(entry) is { } given && !string.IsNullOrWhiteSpace(given) ? $"{noun} {given}" : $"{section}[{i}]";
            yield return (new EntryCheck(label, errors), entry);
        }
    }

    private static void ReportDuplicates(IEnumerable<string?>? codes, string noun, List<string> errors)
    {
        var repeated = (codes ?? [])
            .Where(c => !string.IsNullOrWhiteSpace(c))
            .GroupBy(c => c, StringComparer.Ordinal)
            .Where(g => g.Count() > 1);
        foreach (var group in repeated)
            errors.Add($"{noun} {group.Key} appears {group.Count()} times");
    }

    private static HashSet<string> Present(IEnumerable<string?>? codes) =>
        (codes ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!).ToHashSet(StringComparer.Ordinal);

    private static string NameOf<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>Reads one entry's fields, reporting each problem prefixed with the entry's label.</summary>
    private sealed class EntryCheck(string label, List<string> errors)
    {
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

        /// <summary>Enum values are written in camelCase, exactly: "township", "countyLeader".</summary>
        public TEnum Choice<TEnum>(string? value, string field) where TEnum : struct, Enum
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Fail($"{field} is missing");
                return default;
            }
            var choices = Enum.GetValues<TEnum>();
            foreach (var choice in choices)
            {
                if (string.Equals(NameOf(choice), value, StringComparison.Ordinal))
                    return choice;
            }
            Fail($"{field} '{value}' is unknown (expected one of {string.Join(", ", choices.Select(NameOf))})");
            return default;
        }

        public int Level(int? level)
        {
            if (level is null)
                Fail("level is missing");
            else if (level is < 1 or > 3)
                Fail($"level {level} is not 1, 2 or 3");
            return level ?? 0;
        }

        public IReadOnlyList<string> Codes(IReadOnlyList<string?>? codes, string field)
        {
            if (codes is null)
            {
                Fail($"{field} are missing");
                return [];
            }
            if (codes.Any(string.IsNullOrWhiteSpace))
                Fail($"{field} has a blank code");
            return [.. codes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!)];
        }
    }
}
