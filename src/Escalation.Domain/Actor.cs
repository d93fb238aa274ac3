namespace Escalation.Domain;

/// <summary>Who acted: every event carries one.</summary>
public sealed record Actor(string UserId, string Role, string UnitCode)
{
    /// <summary>The platform itself, acting on a timer (an overdue ticket, an expired rating window).</summary>
    public static Actor System { get; } = new("system", "system", "");
}
