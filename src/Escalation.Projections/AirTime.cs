using Escalation.Domain;
using Escalation.Domain.Escalation;
using Escalation.Domain.Triage;

namespace Escalation.Projections;

/// <summary>
/// Time in the air (空转): how long a ticket flew between units before anyone signed for it. A flight starts with a
/// dispatch (a triage, an escalation, a transfer or a return to the unit that raised it) of a ticket that is not already in the air, and ends when the holder
/// signs for it (签收). Returns, transfers and escalations of a ticket not yet signed for since its dispatch are bounces:
/// the flight goes on through them, and through the time a returned ticket waits for its dispatcher to triage it again.
/// </summary>
public sealed class AirTime
{
    /// <summary>When the current flight began; null while someone has signed for the ticket (or before its first dispatch).</summary>
    public DateTimeOffset? InTheAirSince { get; set; }

    /// <summary>When the ticket was last dispatched to its holder: that holder's own time to sign for it counts from here.</summary>
    public DateTimeOffset? DispatchedToHolderAt { get; set; }

    /// <summary>The bounces of the current flight.</summary>
    public int FlightBounces { get; set; }

    /// <summary>Every bounce of the ticket.</summary>
    public int Bounces { get; set; }

    /// <summary>The flights that ended in a sign-for, and their time in all.</summary>
    public int Flights { get; set; }

    public TimeSpan Total { get; set; }

    /// <summary>Whether <paramref name="e"/>, on the ticket as it stood before it, sends it on without anyone having signed for it.</summary>
    public static bool IsBounce(Ticket before, object e) =>
        before.Status == TicketStatus.Dispatched && e is TicketReturned { WhistleId: null } or TicketEscalated or TicketTransferred or TicketReturnedToRaiser;

    /// <summary>Applies one event, read against the ticket as it stood just before it.</summary>
    public void When(Ticket before, object e)
    {
        if (IsBounce(before, e))
        {
            FlightBounces++;
            Bounces++;
        }
        switch (e)
        {
            case TicketTriaged or TicketEscalated or TicketTransferred or TicketReturnedToRaiser:
                var at = ((ITicketEvent)e).At;
                InTheAirSince ??= at;
                DispatchedToHolderAt = at;
                break;
            case TicketAccepted x when InTheAirSince is { } since:
                Flights++;
                Total += x.At - since;
                InTheAirSince = null;
                DispatchedToHolderAt = null;
                FlightBounces = 0;
                break;
        }
    }
}
