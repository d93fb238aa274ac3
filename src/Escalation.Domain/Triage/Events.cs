using Escalation.Domain.Reference;

namespace Escalation.Domain.Triage;

/// <summary>The ticket was categorised and dispatched (派单) to the unit that will handle it.</summary>
/// <param name="Level">The matter's level in the catalogue (1 to 3).</param>
public sealed record TicketTriaged(
    Guid TicketId,
    Actor By,
    DateTimeOffset At,
    string CategoryCode,
    int Level,
    string HandlingUnitCode,
    Tier HandlingTier,
    string DispatchedByUnitCode) : ITicketEvent;

/// <summary>The holder signed for the ticket (签收).</summary>
public sealed record TicketAccepted(Guid TicketId, Actor By, DateTimeOffset At) : ITicketEvent;

/// <summary>
/// A mis-dispatch was sent back (退单): the whole ticket by its holder, or, with a whistle id, one department's summons.
/// </summary>
/// <param name="ReturnedBy">The unit or department that returned it.</param>
/// <param name="BackToUnitCode">The unit that dispatched the ticket, or blew the whistle.</param>
/// <param name="CountedAgainst">The dispatcher whose mis-dispatch this was; it counts against it, not against the returner.</param>
/// <param name="ReasonCode">The reason from the county's list, when the return gave one.</param>
public sealed record TicketReturned(
    Guid TicketId,
    Actor By,
    DateTimeOffset At,
    string Reason,
    string ReturnedBy,
    string BackToUnitCode,
    string CountedAgainst,
    Guid? WhistleId,
    ReturnReason? ReasonCode = null) : ITicketEvent;

/// <summary>Why a mis-dispatch is returned (退单), from the county's list; the text says more.</summary>
public enum ReturnReason { WrongPlace, NotOurPowers, Duplicate, InsufficientInformation }
