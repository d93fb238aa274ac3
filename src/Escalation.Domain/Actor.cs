namespace Escalation.Domain;

/// <summary>Who acted: every event carries one.</summary>
public sealed record Actor(string UserId, string Role, string UnitCode);
