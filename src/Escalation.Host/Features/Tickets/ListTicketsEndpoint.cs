using Escalation.Domain;
using Escalation.Domain.Reference;
using Escalation.Host.Api;
using Escalation.Host.Auth;
using Escalation.Projections;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Tickets;

public sealed record TicketPage(IReadOnlyList<TicketView> Items, int Page, int PageSize, long Total);

public static class ListTicketsEndpoint
{
    public const int MaxPageSize = 200;

    /// <summary>The last page whose first row PostgreSQL can be asked for: the offset, (page - 1) × page size, is an int.</summary>
    public const int MaxPage = int.MaxValue / MaxPageSize;

    /// <summary>
    /// The caller's queue: a dispatcher's unit and the units below it (or one of them, with <c>unit</c>), a
    /// department's tickets, an operator's own; auditors and administrators see every unit. Nearest deadline first,
    /// tickets without a running clock last, oldest first among equals; <c>light</c> keeps those with that warning light.
    /// </summary>
    [ProducesResponseType<TicketPage>(StatusCodes.Status200OK)]
    [WolverineGet("/api/tickets")]
    public static async Task<IResult> Get(
        string? unit, string? state, string? light, int? page, int? pageSize, HttpContext http, IQuerySession session, ReferenceData reference)
    {
        var fields = new Fields();
        var status = fields.Choice<TicketStatus>(state, "state", required: false);
        var lit = fields.Choice<WarningLight>(light, "light", required: false);
        if (page is < 1 or > MaxPage)
            fields.Add("page", $"must be from 1 to {MaxPage}.");
        if (pageSize is < 1 or > MaxPageSize)
            fields.Add("pageSize", $"must be from 1 to {MaxPageSize}.");
        if (unit is not null && reference.FindUnit(unit) is null)
            fields.Add("unit", $"there is no unit {unit}.");
        if (!fields.AreValid)
            return Problems.Invalid(fields.Errors);

        var user = http.User;
        if (unit is not null && EscalationClaims.RoleOf(user) == Role.Dispatcher && !reference.IsSelfOrAncestor(EscalationClaims.ActorOf(user).UnitCode, unit))
            return Problems.Forbidden("see the queue of a unit outside its own");

        var query = Access.Visible(session, user, unit, reference);
        if (status is { } s)
            query = query.Where(t => t.Status == s);
        if (lit is { } l)
            query = query.Where(t => t.Light == l);

        // PostgreSQL sorts nulls last in ascending order: tickets without a running clock come after the others.
        var items = await query.OrderBy(t => t.NextDeadline).ThenBy(t => t.ReportedAt).ThenBy(t => t.Id)
            .ToPagedListAsync(page ?? 1, pageSize ?? 50, http.RequestAborted);
        return Results.Ok(new TicketPage([.. items], (int)items.PageNumber, (int)items.PageSize, items.TotalItemCount));
    }
}
