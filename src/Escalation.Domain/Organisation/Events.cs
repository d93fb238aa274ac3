using Escalation.Domain.Reference;

namespace Escalation.Domain.Organisation;

/// <summary>A change to the county's reference data, in the county's own stream: who made it, when, and why.</summary>
public interface ICountyEvent
{
    Actor By { get; }

    DateTimeOffset At { get; }

    string Why { get; }
}

/// <summary>The whole county file (the JSON of <c>sample-county.json</c>) taken as the county: on first start, or imported by an administrator.</summary>
public sealed record CountyImported(string File, Actor By, DateTimeOffset At, string Why) : ICountyEvent;

public sealed record UserAdded(User User, Actor By, DateTimeOffset At, string Why) : ICountyEvent;

/// <summary>The user's names, role, unit or disabled flag changed; <see cref="User"/> is the user as it now stands.</summary>
public sealed record UserChanged(User User, Actor By, DateTimeOffset At, string Why) : ICountyEvent;

public sealed record UserDisabled(string UserId, Actor By, DateTimeOffset At, string Why) : ICountyEvent;

public sealed record UnitAdded(Unit Unit, Actor By, DateTimeOffset At, string Why) : ICountyEvent;

/// <summary>The unit's names, kind or parent changed; <see cref="Unit"/> is the unit as it now stands.</summary>
public sealed record UnitChanged(Unit Unit, Actor By, DateTimeOffset At, string Why) : ICountyEvent;

public sealed record UnitRemoved(string UnitCode, Actor By, DateTimeOffset At, string Why) : ICountyEvent;

public sealed record DepartmentAdded(Department Department, Actor By, DateTimeOffset At, string Why) : ICountyEvent;

/// <summary>The department's names or the matters in its powers changed; <see cref="Department"/> is the department as it now stands.</summary>
public sealed record DepartmentChanged(Department Department, Actor By, DateTimeOffset At, string Why) : ICountyEvent;

public sealed record MatterAdded(Matter Matter, Actor By, DateTimeOffset At, string Why) : ICountyEvent;

/// <summary>The matter changed in the catalogue; <see cref="Matter"/> is the matter as it now stands.</summary>
public sealed record MatterChanged(Matter Matter, Actor By, DateTimeOffset At, string Why) : ICountyEvent;

/// <summary>The county's time limits: <see cref="TimeLimits"/> is the file's whole <c>timeLimits</c> section, as JSON.</summary>
public sealed record TimeLimitsChanged(string TimeLimits, Actor By, DateTimeOffset At, string Why) : ICountyEvent;
