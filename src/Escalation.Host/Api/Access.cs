using System.Security.Claims;
using Escalation.Domain;
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
        return EscalationClaims.RoleOf(user) switch
        {
            Role.Operator => ticket.ReportedBy == user.FindFirstValue(EscalationClaims.Subject),
            Role.Dispatcher => reference.IsSelfOrAncestor(unit, ticket.HoldingUnitCode),
            Role.Department => ticket.Departments.Contains(unit),
            Role.Auditor or Role.Administrator => true,
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
        EscalationClaims.RoleOf(user) is Role.Operator or Role.Dispatcher or Role.Administrator;

    /// <summary>张三丰 → 张**: the surname stays, as 12345 platforms show it.</summary>
    public static string? MaskName(string? name) => string.IsNullOrEmpty(name) ? name : name[0] + new string('*', name.Length - 1);

    /// <summary>13812345678 → 138****5678.</summary>
    public static string? MaskPhone(string? phone) =>
        phone is null || phone.Length <= 7 ? phone is null ? null : new string('*', phone.Length)
        : phone[..3] + new string('*', phone.Length - 7) + phone[^4..];
}
