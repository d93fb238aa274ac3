using System.Security.Claims;
using Escalation.Domain;
using Escalation.Domain.Rating;
using Escalation.Domain.Reference;
using Escalation.Host.Auth;
using Escalation.Projections;
using Marten;

namespace Escalation.Host.Api;

/// <summary>The citizen as the caller may see them: in full, masked, or erased (null).</summary>
public sealed record CitizenDetails(string? Name, string? Phone, bool Masked);

/// <summary>
/// Who may see which ticket and its citizen, and which actions a user's role has (the domain's
/// <see cref="Permissions"/>). A ticket a user may not see does not exist for them (404); an action their role lacks
/// is forbidden (403). The process rules (which unit may act in which state) are the domain's.
/// </summary>
public static class Access
{
    public static bool MayDo(ClaimsPrincipal user, TicketAction action) =>
        EscalationClaims.RoleOf(user) is { } role && Permissions.MayDo(role, action);

    public static bool MaySee(ClaimsPrincipal user, TicketView ticket, ReferenceData reference)
    {
        var unit = user.FindFirstValue(EscalationClaims.Unit) ?? "";
        var role = EscalationClaims.RoleOf(user);
        if (role is { } seat && CallbackDesk.Sees(seat, unit, ticket.State, reference))
            return true;
        return role switch
        {
            Role.Operator => ticket.ReportedBy == user.FindFirstValue(EscalationClaims.Subject),
            Role.Dispatcher => reference.IsSelfOrAncestor(unit, ticket.HoldingUnitCode),
            Role.Department => ticket.Departments.Contains(unit),
            Role.Auditor or Role.Administrator => true,
            Role.Leader => ticket.HandlingTier == Tier.CountyLeader && reference.IsSelfOrAncestor(unit, ticket.VillageCode),
            _ => false,
        };
    }

    /// <summary>The ticket as the user may see it, or null when it does not exist for them (no such ticket, or not theirs to see).</summary>
    public static async Task<TicketView?> LoadVisibleAsync(
        IQuerySession session, ClaimsPrincipal user, Guid ticketId, ReferenceData reference, CancellationToken ct) =>
        await session.LoadAsync<TicketView>(ticketId, ct) is { } view && MaySee(user, view, reference) ? view : null;

    /// <summary>The citizen as the user may see them: in full, masked for departments and auditors, or null once erased.</summary>
    public static async Task<CitizenDetails?> CitizenAsync(IQuerySession session, ClaimsPrincipal user, Guid ticketId, CancellationToken ct) =>
        await session.LoadAsync<CitizenContact>(ticketId, ct) is not { } contact ? null
        : SeesCitizen(user) ? new CitizenDetails(contact.Name, contact.Phone, Masked: false)
        : new CitizenDetails(MaskName(contact.Name), MaskPhone(contact.Phone), Masked: true);

    /// <summary>Departments and auditors work on the case, not with the citizen: they see no name or phone.</summary>
    public static bool SeesCitizen(ClaimsPrincipal user) =>
        EscalationClaims.RoleOf(user) is Role.Operator or Role.Dispatcher or Role.Administrator or Role.Callback;

    /// <summary>张三丰 → 张**: the surname stays, as 12345 platforms show it.</summary>
    public static string? MaskName(string? name) => string.IsNullOrEmpty(name) ? name : name[0] + new string('*', name.Length - 1);

    /// <summary>13812345678 → 138****5678.</summary>
    public static string? MaskPhone(string? phone) =>
        phone is null || phone.Length <= 7 ? phone is null ? null : new string('*', phone.Length)
        : phone[..3] + new string('*', phone.Length - 7) + phone[^4..];

    /// <summary>The tickets the user may see: within <paramref name="unit"/> when given (checked by the caller), else all of them.</summary>
    public static IQueryable<TicketView> Visible(IQuerySession session, ClaimsPrincipal user, string? unit, ReferenceData reference)
    {
        var (userId, _, ownUnit) = EscalationClaims.ActorOf(user);
        IQueryable<TicketView> query = session.Query<TicketView>();
        return EscalationClaims.RoleOf(user) switch
        {
            Role.Operator => OwnOrOnCallbackDesk(query, userId, ownUnit, reference),
            Role.Callback => OwnOrOnCallbackDesk(query, null, ownUnit, reference),
            Role.Department => query.Where(t => t.Departments.Contains(ownUnit)),
            Role.Dispatcher => WithinUnit(query, unit ?? ownUnit, reference),
            Role.Auditor or Role.Administrator => unit is null ? query : WithinUnit(query, unit, reference),
            Role.Leader => LeaderInbox(query, ownUnit, reference),
            _ => query.Where(_ => false),
        };
    }

    /// <summary>A callback seat's tickets: those it reported (an operator's), and the resolved and closed within its unit (<see cref="CallbackDesk.Sees"/>).</summary>
    private static IQueryable<TicketView> OwnOrOnCallbackDesk(IQueryable<TicketView> query, string? reporter, string unit, ReferenceData reference)
    {
        var states = CallbackDesk.States;
        if (unit == reference.County.Code)
            return query.Where(t => t.ReportedBy == reporter || states.Contains(t.Status));
        var codes = reference.UnitsWithin(unit).Select(u => u.Code).ToArray();
        return query.Where(t => t.ReportedBy == reporter || (states.Contains(t.Status) && codes.Contains(t.HoldingUnitCode)));
    }

    /// <summary>A county leader's (包保) tickets: raised to the county-leader tier, from the place of the leader's unit.</summary>
    private static IQueryable<TicketView> LeaderInbox(IQueryable<TicketView> query, string unit, ReferenceData reference)
    {
        var raised = query.Where(t => t.HandlingTier == Tier.CountyLeader);
        if (unit == reference.County.Code)
            return raised;
        var codes = reference.UnitsWithin(unit).Select(u => u.Code).ToArray();
        return raised.Where(t => codes.Contains(t.VillageCode));
    }

    public static IQueryable<TicketView> WithinUnit(IQueryable<TicketView> query, string unit, ReferenceData reference)
    {
        if (unit == reference.County.Code)
            return query;
        var codes = reference.UnitsWithin(unit).Select(u => u.Code).ToArray();
        return query.Where(t => codes.Contains(t.HoldingUnitCode));
    }
}
