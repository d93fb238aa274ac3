using System.Security.Claims;
using Escalation.Domain.Privacy;
using Escalation.Host.Api;
using Escalation.Host.Auth;
using Escalation.Projections;
using Marten;

namespace Escalation.Host.Features.Privacy;

/// <summary>
/// One look at a ticket's personal data as it was shown: who (user, role, unit), when (the injected clock), which
/// ticket, which fields (<c>name</c> and <c>phone</c> unmasked, <c>address</c>), and where (<c>api</c>, <c>history</c>,
/// <c>state</c>, <c>console</c>, <c>print</c>).
/// </summary>
public sealed record PersonalDataViewed(Guid Id, Guid TicketId, string UserId, string Role, string UnitCode, DateTimeOffset At, IReadOnlyList<string> Fields, string Via);

/// <summary>
/// The log of who saw personal data (PIPL): every answer and page that shows a citizen's name or phone unmasked, or the
/// address of the request, writes one entry before it is sent. Masked details (departments, auditors) and erased ones
/// are not personal data any more and are not logged.
/// </summary>
public sealed class PersonalDataLog(IDocumentStore store, TimeProvider clock)
{
    /// <summary>The citizen as the user may see them (<see cref="Access.CitizenAsync"/>), the view logged.</summary>
    public async Task<CitizenDetails?> CitizenAsync(IQuerySession session, ClaimsPrincipal user, TicketView ticket, string via, CancellationToken ct)
    {
        var citizen = await Access.CitizenAsync(session, user, ticket.Id, ct);
        await RecordAsync(user, ticket.Id, Shown(citizen, ticket.Address), via, ct);
        return citizen;
    }

    /// <summary>Logs that the user was shown the ticket's address (a history or a replay carries it), if it has one still.</summary>
    public Task AddressAsync(ClaimsPrincipal user, TicketView ticket, string via, CancellationToken ct) =>
        RecordAsync(user, ticket.Id, Shown(null, ticket.Address), via, ct);

    /// <summary>The personal fields an answer shows: the name and phone only unmasked, the address unless erased.</summary>
    public static IReadOnlyList<string> Shown(CitizenDetails? citizen, string? address) =>
    [
        .. citizen is { Masked: false, Name: { Length: > 0 } } ? ["name"] : Array.Empty<string>(),
        .. citizen is { Masked: false, Phone: { Length: > 0 } } ? ["phone"] : Array.Empty<string>(),
        .. address is { Length: > 0 } and not CitizenSupplied.Erased ? ["address"] : Array.Empty<string>(),
    ];

    private async Task RecordAsync(ClaimsPrincipal user, Guid ticketId, IReadOnlyList<string> fields, string via, CancellationToken ct)
    {
        if (fields.Count == 0)
            return;
        var (userId, role, unit) = EscalationClaims.ActorOf(user);
        await using var session = store.LightweightSession();
        session.Store(new PersonalDataViewed(Guid.CreateVersion7(clock.GetUtcNow()), ticketId, userId, role, unit, clock.GetUtcNow(), fields, via));
        await session.SaveChangesAsync(ct);
    }
}
