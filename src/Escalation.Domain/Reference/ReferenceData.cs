using Escalation.Domain.Timers;

namespace Escalation.Domain.Reference;

/// <summary>
/// A county's reference data: the jurisdiction tree, the line departments and the matter catalogue,
/// indexed for the lookups decisions make. Built by ReferenceDataParser (which validates)
/// or directly from lists in tests.
/// </summary>
public sealed class ReferenceData
{
    private readonly Dictionary<string, Unit> _units;
    private readonly Dictionary<string, Department> _departments;
    private readonly Dictionary<string, Matter> _matters;
    private readonly Dictionary<string, User> _users;

    public ReferenceData(
        string version,
        IReadOnlyList<Unit> units,
        IReadOnlyList<Department> departments,
        IReadOnlyList<Matter> catalogue,
        IReadOnlyList<User>? users = null,
        TimeLimitPolicy? timeLimits = null)
    {
        Version = version;
        Units = units;
        Departments = departments;
        Catalogue = catalogue;
        Users = users ?? [];
        TimeLimits = timeLimits ?? TimeLimitPolicy.Default(BusinessCalendar.WeekdaysOnly);
        _units = units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        _departments = departments.ToDictionary(d => d.Code, StringComparer.Ordinal);
        _matters = catalogue.ToDictionary(m => m.Code, StringComparer.Ordinal);
        _users = Users.ToDictionary(u => u.Id, StringComparer.Ordinal);
        County = units.Single(u => u.Kind == UnitKind.County);
    }

    public string Version { get; }
    public Unit County { get; }
    public IReadOnlyList<Unit> Units { get; }
    public IReadOnlyList<Department> Departments { get; }
    public IReadOnlyList<Matter> Catalogue { get; }
    public IReadOnlyList<User> Users { get; }

    /// <summary>The county's time limits with its business calendar (weekdays only until one is attached with <see cref="WithCalendar"/>).</summary>
    public TimeLimitPolicy TimeLimits { get; }

    /// <summary>The same reference data with the county's business calendar attached to its time limits.</summary>
    public ReferenceData WithCalendar(BusinessCalendar calendar) =>
        new(Version, Units, Departments, Catalogue, Users, TimeLimits.WithCalendar(calendar));

    /// <summary>
    /// The time limits as a holder counts them: a unit that works around the clock counts working time as clock time (a
    /// working day is 24 hours); every other holder, departments included, by the county's calendar.
    /// </summary>
    public TimeLimitPolicy TimeLimitsFor(string holder) =>
        FindUnit(holder) is { Calendar: UnitCalendar.AroundTheClock } ? _aroundTheClock ??= TimeLimits.AroundTheClock() : TimeLimits;

    private TimeLimitPolicy? _aroundTheClock;

    public Unit? FindUnit(string? code) => code is not null && _units.TryGetValue(code, out var u) ? u : null;
    public Department? FindDepartment(string? code) => code is not null && _departments.TryGetValue(code, out var d) ? d : null;
    public Matter? FindMatter(string? code) => code is not null && _matters.TryGetValue(code, out var m) ? m : null;
    public User? FindUser(string? id) => id is not null && _users.TryGetValue(id, out var u) ? u : null;

    /// <summary>The user, unless disabled: whoever signs in (a password, the demo picker, single sign-on, a token) is looked up here.</summary>
    public User? FindActiveUser(string? id) => FindUser(id) is { Disabled: false } user ? user : null;

    public Unit? Parent(Unit unit) => FindUnit(unit.ParentCode);

    /// <summary>The unit itself, then its parent, up to the county.</summary>
    public IEnumerable<Unit> SelfAndAncestors(string code)
    {
        for (var unit = FindUnit(code); unit is not null; unit = Parent(unit))
            yield return unit;
    }

    /// <summary>True when <paramref name="ancestorCode"/> is <paramref name="code"/> or one of its ancestors.</summary>
    public bool IsSelfOrAncestor(string ancestorCode, string code) =>
        SelfAndAncestors(code).Any(u => u.Code == ancestorCode);

    /// <summary>The unit itself and every unit below it, grids included.</summary>
    public IEnumerable<Unit> UnitsWithin(string code) => Units.Where(u => IsSelfOrAncestor(code, u.Code));

    /// <summary>The units directly below the unit, grids included.</summary>
    public IEnumerable<Unit> ChildrenOf(string code) => Units.Where(u => u.ParentCode == code);

    /// <summary>The unit of the given tier that contains <paramref name="code"/> (a grid is contained by its village).</summary>
    public Unit? AtTier(string code, Tier tier) => SelfAndAncestors(code).FirstOrDefault(u => u.Tier == tier);

    public IEnumerable<Department> DepartmentsWithPowerOver(string matterCode) =>
        Departments.Where(d => d.Powers.Contains(matterCode, StringComparer.Ordinal));
}

public enum Role
{
    Operator, Dispatcher, Department, Auditor, Administrator,

    /// <summary>The callback desk (回访): calls back and rates any resolved ticket within its unit, whoever opened it.</summary>
    Callback,

    /// <summary>A county leader (包保, joint handling): reads the tickets raised to the county-leader tier from the place of their unit (the county: all).</summary>
    Leader,
}

/// <summary>A user of the county: an operator, a dispatcher of a unit, a department handler, an auditor, an administrator.</summary>
/// <param name="UnitCode">The unit code, or the department code for department handlers.</param>
/// <param name="Disabled">Set by an administrator (the county's stream): the user may no longer sign in or act.</param>
public sealed record User(string Id, string NameZh, string NameEn, Role Role, string UnitCode, bool Disabled = false);
