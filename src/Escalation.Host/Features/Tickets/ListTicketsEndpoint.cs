using System.Security.Claims;
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
        if (page is < 1)
            fields.Add("page", "must be 1 or more.");
        if (pageSize is < 1 or > MaxPageSize)
            fields.Add("pageSize", $"must be from 1 to {MaxPageSize}.");
        if (unit is not null && reference.FindUnit(unit) is null)
            fields.Add("unit", $"there is no unit {unit}.");
        if (!fields.AreValid)
            return Problems.Invalid(fields.Errors);

        var user = http.User;
        if (unit is not null && EscalationClaims.RoleOf(user) == Role.Dispatcher && !reference.IsSelfOrAncestor(EscalationClaims.ActorOf(user).UnitCode, unit))
            return Problems.Forbidden("see the queue of a unit outside its own");

        var query = Visible(session, user, unit, reference);
        if (status is { } s)
            query = query.Where(t => t.Status == s);
        if (lit is { } l)
            query = query.Where(t => t.Light == l);

        // PostgreSQL sorts nulls last in ascending order: tickets without a running clock come after the others.
        var items = await query.OrderBy(t => t.NextDeadline).ThenBy(t => t.ReportedAt).ThenBy(t => t.Id)
            .ToPagedListAsync(page ?? 1, pageSize ?? 50, http.RequestAborted);
        return Results.Ok(new TicketPage([.. items], (int)items.PageNumber, (int)items.PageSize, items.TotalItemCount));
    }

    /// <summary>The tickets the user may see: within <paramref name="unit"/> when given (checked by the caller), else all of them.</summary>
    public static IQueryable<TicketView> Visible(IQuerySession session, ClaimsPrincipal user, string? unit, ReferenceData reference)
    {
        var (userId, _, ownUnit) = EscalationClaims.ActorOf(user);
        IQueryable<TicketView> query = session.Query<TicketView>();
        return EscalationClaims.RoleOf(user) switch
        {
            Role.Operator => query.Where(t => t.ReportedBy == userId),
            Role.Department => query.Where(t => t.Departments.Contains(ownUnit)),
            Role.Dispatcher => WithinUnit(query, unit ?? ownUnit, reference),
            Role.Auditor or Role.Administrator => unit is null ? query : WithinUnit(query, unit, reference),
            _ => query.Where(_ => false),
        };
    }

    public static IQueryable<TicketView> WithinUnit(IQueryable<TicketView> query, string unit, ReferenceData reference)
    {
        if (unit == reference.County.Code)
            return query;
        var codes = reference.Units.Where(u => reference.IsSelfOrAncestor(unit, u.Code)).Select(u => u.Code).ToArray();
        return query.Where(t => codes.Contains(t.HoldingUnitCode));
    }
}
