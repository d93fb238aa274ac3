namespace Escalation.Domain.Reference;

// The file as written: every field optional and every enum a string, so that the parser can report
// everything missing or unknown at once instead of stopping at the first bad value.
// The top-level "county" object is descriptive only; the county itself is the unit of kind county.

internal sealed record ReferenceDataFile(
    string? Version,
    IReadOnlyList<UnitEntry?>? Units,
    IReadOnlyList<DepartmentEntry?>? Departments,
    IReadOnlyList<MatterEntry?>? Catalogue,
    IReadOnlyList<UserEntry?>? Users,
    TimeLimitsEntry? TimeLimits);

internal sealed record UnitEntry(string? Code, string? NameZh, string? NameEn, string? Kind, string? ParentCode, string? Calendar = null);

internal sealed record DepartmentEntry(string? Code, string? NameZh, string? NameEn, IReadOnlyList<string?>? Powers);

internal sealed record MatterEntry(
    string? Code,
    string? NameZh,
    string? NameEn,
    string? Domain,
    int? Level,
    string? FirstTier,
    IReadOnlyList<string?>? Departments,
    string? TimeLimit);

internal sealed record UserEntry(string? Id, string? NameZh, string? NameEn, string? Role, string? UnitCode, bool? Disabled = null);

/// <summary>Overrides of the default time limits; keys are camelCase enum names, values time limits as text ("30 minutes").</summary>
internal sealed record TimeLimitsEntry(
    double? YellowShare,
    IReadOnlyDictionary<string, string?>? Accept,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>?>? Resolve,
    IReadOnlyDictionary<string, string?>? ResolveCap,
    IReadOnlyDictionary<string, string?>? ReportIn,
    string? ExtensionReview,
    string? Pause,
    IReadOnlyDictionary<string, string?>? Triage,
    IReadOnlyDictionary<string, string?>? Case,
    IReadOnlyDictionary<string, string?>? CaseCap,
    string? ReturnWindow,
    IReadOnlyDictionary<string, string?>? Callback);
