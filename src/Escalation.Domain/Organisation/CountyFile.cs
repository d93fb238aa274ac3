using System.Text.Json;
using System.Text.Json.Nodes;
using Escalation.Domain.Reference;

namespace Escalation.Domain.Organisation;

/// <summary>
/// The county as its file (the JSON of <c>sample-county.json</c>) after a run of the county's events: each event changes
/// the entry it names, everything else in the file (descriptive parts, contacts, notes) is kept as written. The reference
/// data decisions use is this file read by <see cref="ReferenceDataParser"/>, so a county built by changes passes the very
/// checks a file does at start-up.
/// </summary>
public sealed class CountyFile
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly JsonObject _root;

    private CountyFile(JsonObject root) => _root = root;

    /// <summary>The county after these events, in order (the first is a <see cref="CountyImported"/>).</summary>
    public static CountyFile Fold(IEnumerable<ICountyEvent> events)
    {
        var file = new CountyFile([]);
        foreach (var e in events)
            file = file.Apply(e, inPlace: true);
        return file;
    }

    /// <summary>This county with one more event, this one unchanged.</summary>
    public CountyFile With(ICountyEvent e) => Apply(e, inPlace: false);

    /// <summary>The file as JSON, its <c>version</c> set to the county's version.</summary>
    public string ToJson(long version)
    {
        var copy = (JsonObject)_root.DeepClone();
        copy["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return copy.ToJsonString(Indented);
    }

    /// <summary>The reference data this file describes, named by the county's version.</summary>
    /// <exception cref="ReferenceDataException">With every problem the start-up checks find in it.</exception>
    public ReferenceData Read(long version) => ReferenceDataParser.Parse(ToJson(version));

    /// <summary>Whether two files say the same thing (a change that leaves the county as it was changes nothing).</summary>
    public bool SameAs(CountyFile other) => JsonNode.DeepEquals(_root, other._root);

    public bool HasUser(string id) => Find("users", "id", id) is not null;

    public bool HasUnit(string code) => Find("units", "code", code) is not null;

    public bool HasDepartment(string code) => Find("departments", "code", code) is not null;

    public bool HasMatter(string code) => Find("catalogue", "code", code) is not null;

    private CountyFile Apply(ICountyEvent e, bool inPlace)
    {
        if (e is CountyImported imported)
            return new CountyFile(JsonNode.Parse(imported.File) as JsonObject ?? []);
        var file = inPlace ? this : new CountyFile((JsonObject)_root.DeepClone());
        switch (e)
        {
            case UserAdded x: file.Add("users", Entry(x.User)); break;
            case UserChanged x: file.Replace("users", "id", x.User.Id, Entry(x.User)); break;
            case UserDisabled x: file.Find("users", "id", x.UserId)?.Add("disabled", true); break;
            case UnitAdded x: file.Add("units", Entry(x.Unit)); break;
            case UnitChanged x: file.Replace("units", "code", x.Unit.Code, Entry(x.Unit)); break;
            case UnitRemoved x: file.Remove("units", "code", x.UnitCode); break;
            case DepartmentAdded x: file.Add("departments", Entry(x.Department)); break;
            case DepartmentChanged x: file.Replace("departments", "code", x.Department.Code, Entry(x.Department)); break;
            case MatterAdded x: file.Add("catalogue", Entry(x.Matter)); break;
            case MatterChanged x: file.Replace("catalogue", "code", x.Matter.Code, Entry(x.Matter)); break;
            case TimeLimitsChanged x: file._root["timeLimits"] = JsonNode.Parse(x.TimeLimits); break;
            default: throw new ArgumentOutOfRangeException(nameof(e), e, "A county event the county file does not know.");
        }
        return file;
    }

    private JsonArray Section(string name)
    {
        if (_root[name] is JsonArray section)
            return section;
        var created = new JsonArray();
        _root[name] = created;
        return created;
    }

    private JsonObject? Find(string section, string key, string value) =>
        (_root[section] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(entry => (string?)entry[key] == value);

    private void Add(string section, JsonObject entry) => Section(section).Add(entry);

    /// <summary>Puts the new entry where the old one was, so the file keeps its order (and a diff of two exports stays small).</summary>
    private void Replace(string section, string key, string value, JsonObject entry)
    {
        var entries = Section(section);
        var index = entries.IndexOf(Find(section, key, value));
        if (index < 0)
            entries.Add(entry);
        else
            entries[index] = entry;
    }

    private void Remove(string section, string key, string value)
    {
        if (Find(section, key, value) is { } entry)
            Section(section).Remove(entry);
    }

    private static JsonObject Entry(User user)
    {
        var entry = new JsonObject
        {
            ["id"] = user.Id, ["nameZh"] = user.NameZh, ["nameEn"] = user.NameEn, ["role"] = Name(user.Role), ["unitCode"] = user.UnitCode,
        };
        if (user.Disabled)
            entry["disabled"] = true;
        return entry;
    }

    private static JsonObject Entry(Unit unit)
    {
        var entry = new JsonObject { ["code"] = unit.Code, ["nameZh"] = unit.NameZh, ["nameEn"] = unit.NameEn, ["kind"] = Name(unit.Kind) };
        if (unit.ParentCode is not null)
            entry["parentCode"] = unit.ParentCode;
        if (unit.Calendar != UnitCalendar.County)
            entry["calendar"] = Name(unit.Calendar);
        return entry;
    }

    private static JsonObject Entry(Department department) => new()
    {
        ["code"] = department.Code, ["nameZh"] = department.NameZh, ["nameEn"] = department.NameEn,
        ["powers"] = new JsonArray([.. department.Powers.Select(p => (JsonNode)p)]),
    };

    private static JsonObject Entry(Matter matter) => new()
    {
        ["code"] = matter.Code, ["nameZh"] = matter.NameZh, ["nameEn"] = matter.NameEn, ["domain"] = Name(matter.Domain),
        ["level"] = matter.Level, ["firstTier"] = Name(matter.FirstTier),
        ["departments"] = new JsonArray([.. matter.Departments.Select(d => (JsonNode)d)]), ["timeLimit"] = Name(matter.TimeLimit),
    };

    /// <summary>Enum values as the file writes them: camelCase ("township", "countyLeader").</summary>
    private static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>The file as one line of JSON, as a <see cref="CountyImported"/> carries it.</summary>
    public static string Minified(string json) => JsonNode.Parse(json)?.ToJsonString(Compact) ?? "null";
}
