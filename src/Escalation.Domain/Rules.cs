using Escalation.Domain.Reference;

namespace Escalation.Domain;

/// <summary>The checks most commands share: the ticket's state, and who may act on it.</summary>
internal static class Rules
{
    /// <summary>
    /// A command's first check. A merged duplicate follows its master, so every command on it is refused
    /// as merged; otherwise the ticket must be in one of the command's states.
    /// </summary>
    public static Decision? RefuseUnlessIn(this Ticket ticket, string action, params TicketStatus[] allowed)
    {
        if (ticket.MergedInto is { } master)
            return Decision.Reject(RuleCodes.TicketMerged, $"The ticket was merged into ticket {master} and follows it; act on the master instead.");
        return allowed.Contains(ticket.Status)
            ? null
            : Decision.Reject(RuleCodes.InvalidState, $"Cannot {action} the ticket while it is {Describe(ticket.Status)}.");
    }

    /// <summary>Only the holder acts on a ticket: the holding department, else the holding unit.</summary>
    public static bool Holds(this Actor by, Ticket ticket) => by.UnitCode == ticket.Holder;

    /// <summary>The holding unit's ancestors are above the ticket; while a department holds it, the county is too.</summary>
    public static bool IsAbove(this Actor by, Ticket ticket, ReferenceData reference) =>
        !by.Holds(ticket) && reference.IsSelfOrAncestor(by.UnitCode, ticket.HoldingUnitCode);

    public static bool HoldsOrIsAbove(this Actor by, Ticket ticket, ReferenceData reference) =>
        by.Holds(ticket) || by.IsAbove(ticket, reference);

    public static Decision NotHeldBy(Actor by, Ticket ticket, string action) =>
        Decision.Reject(RuleCodes.TicketNotHeldByUnit, $"Only {ticket.Holder}, which holds the ticket, may {action} it; {by.UnitCode} does not hold it.");

    public static Decision NotHolderOrAbove(Actor by, Ticket ticket, string action) =>
        Decision.Reject(RuleCodes.NotHolderOrAbove, $"Only {ticket.Holder}, which holds the ticket, or a unit above it may {action} it; {by.UnitCode} is neither.");

    /// <summary>
    /// The unit of a tier in a place's chain. The county-leader tier (包保) has no unit of its own:
    /// the county holds those tickets.
    /// </summary>
    public static Unit UnitAt(this ReferenceData reference, string placeCode, Tier tier) =>
        reference.AtTier(placeCode, tier) ?? reference.County;

    public static bool IsBlank(string? text) => string.IsNullOrWhiteSpace(text);

    public static Decision Missing(string code, string what) => Decision.Reject(code, $"A {what} is required.");

    private static string Describe(TicketStatus status) => status switch
    {
        TicketStatus.Reported => "awaiting triage",
        TicketStatus.Dispatched => "dispatched and not yet accepted",
        TicketStatus.InHandling => "in handling",
        TicketStatus.Resolved => "resolved",
        TicketStatus.Closed => "closed",
        TicketStatus.Withdrawn => "withdrawn",
        _ => "merged",
    };
}
