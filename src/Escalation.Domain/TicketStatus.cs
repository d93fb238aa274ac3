namespace Escalation.Domain;

public enum TicketStatus
{
    /// <summary>Awaiting triage by the unit that holds it (at first the township or street of the location).</summary>
    Reported,

    /// <summary>Sent to a unit or department that has not yet accepted it (签收).</summary>
    Dispatched,

    InHandling,
    Resolved,
    Closed,
    Withdrawn,

    /// <summary>A duplicate that follows its master ticket.</summary>
    Merged,
}
