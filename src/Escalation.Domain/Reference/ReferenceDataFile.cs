namespace Escalation.Domain.Reference;

// The file as written: every field optional and every enum a string, so that the parser can report
// everything missing or unknown at once instead of stopping at the first bad value.
// The top-level "county" object is descriptive only; the county itself is the unit of kind county.

internal sealed record ReferenceDataFile(
    string? Version,
    IReadOnlyList<UnitEntry?>? Units,
    IReadOnlyList<DepartmentEntry?>? Departments,
    IReadOnlyList<MatterEntry?>? Catalogue,
    IReadOnlyList<UserEntry?>? Users);

internal sealed record UnitEntry(string? Code, string? NameZh, string? NameEn, string? Kind, string? ParentCode);

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

internal sealed record UserEntry(string? Id, string? NameZh, string? NameEn, string? Role, string? UnitCode);
