using System.Security.Claims;
using Escalation.Domain.Reference;
using Escalation.Host.Auth;
using Escalation.Host.Features.Tickets;
using Escalation.Projections;
using Marten;

namespace Escalation.Host.Api;

/// <summary>What a user may do on the API, by role.</summary>
public enum TicketAction
{
    Report, Triage, Accept, Escalate, Transfer, BlowWhistle, ReportIn, Return, NoteProgress,
    Resolve, Rate, Reopen, Urge, Merge, Withdraw, Close, EraseCitizenData,
}

/// <summary>
/// Who may do what, and who may see which ticket. A ticket a user may not see does not exist for them (404);
/// an action their role lacks is forbidden (403). The process rules (which unit may act in which state)
/// are the domain's.
/// </summary>
public static class Access
{
    private static readonly Dictionary<Role, HashSet<TicketAction>> Allowed = new()
    {
        [Role.Operator] = [TicketAction.Report, TicketAction.Rate, TicketAction.Withdraw],
        [Role.Dispatcher] =
        [
            TicketAction.Report, TicketAction.Triage, TicketAction.Accept, TicketAction.Escalate, TicketAction.Transfer,
            TicketAction.BlowWhistle, TicketAction.Return, TicketAction.NoteProgress, TicketAction.Resolve,
            TicketAction.Reopen, TicketAction.Urge, TicketAction.Merge, TicketAction.Withdraw, TicketAction.Close,
        ],
        [Role.Department] =
        [
            TicketAction.Accept, TicketAction.ReportIn, TicketAction.Return, TicketAction.NoteProgress, TicketAction.Resolve,
        ],
        [Role.Auditor] = [],
        [Role.Administrator] = [TicketAction.EraseCitizenData],
    };

    public static bool MayDo(ClaimsPrincipal user, TicketAction action) =>
        EscalationClaims.RoleOf(user) is { } role && Allowed[role].Contains(action);

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
        : new CitizenDetails(GetTicketEndpoint.MaskName(contact.Name), GetTicketEndpoint.MaskPhone(contact.Phone), Masked: true);

    /// <summary>Departments and auditors work on the case, not with the citizen: they see no name or phone.</summary>
    public static bool SeesCitizen(ClaimsPrincipal user) =>
        EscalationClaims.RoleOf(user) is Role.Operator or Role.Dispatcher or Role.Administrator;
}
