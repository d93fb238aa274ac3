using Escalation.Domain.Reference;

namespace Escalation.Domain.Escalation;

public enum EscalationReason { DeadlineMissed, BeyondPowers, CitizenUnsatisfied, ByHand }

/// <summary>The ticket went one tier up and awaits acceptance there.</summary>
/// <param name="FromUnitCode">The holder it left: a unit, or a department when a department held it.</param>
/// <param name="ToUnitCode">The unit above; from the county tier the county itself, at the county-leader tier (包保).</param>
public sealed record TicketEscalated(
    Guid TicketId,
    Actor By,
    DateTimeOffset At,
    string FromUnitCode,
    string ToUnitCode,
    Tier FromTier,
    Tier ToTier,
    EscalationReason Reason,
    string? Note) : ITicketEvent;

/// <summary>The county transferred the ticket (转办) to the lead department for its matter.</summary>
public sealed record TicketTransferred(
    Guid TicketId,
    Actor By,
    DateTimeOffset At,
    string DepartmentCode,
    string DispatchedByUnitCode) : ITicketEvent;
