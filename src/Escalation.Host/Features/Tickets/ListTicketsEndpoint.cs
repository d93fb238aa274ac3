using Escalation.Domain.Reference;
using Escalation.Host.Api;
using Escalation.Host.Auth;
using Escalation.Projections;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Tickets;

/// <param name="NextCursor">Send it back as <c>cursor</c> for the next page; null on the last page.</param>
public sealed record TicketPage(IReadOnlyList<TicketView> Items, int Page, int PageSize, long Total, string? NextCursor);

public static class ListTicketsEndpoint
{
    public const int MaxPageSize = 200;

    /// <summary>The last page whose first row PostgreSQL can be asked for: the offset, (page - 1) × page size, is an int.</summary>
    public const int MaxPage = int.MaxValue / MaxPageSize;

    /// <summary>
    /// The caller's queue and search: a dispatcher's unit and the units below it (or one of them, with <c>unit</c>), a
    /// department's tickets, an operator's own; auditors and administrators see every unit. <c>queue</c> picks a work
    /// queue, the other parameters narrow it (see <see cref="TicketQueues"/>); nearest deadline first unless
    /// <c>sort</c> says otherwise. The next page is asked for with the answer's <c>nextCursor</c> (stable while tickets
    /// come and go) or, as before, by <c>page</c>.
    /// </summary>
    [ProducesResponseType<TicketPage>(StatusCodes.Status200OK)]
    [WolverineGet("/api/tickets")]
    public static async Task<IResult> Get(
        string? unit, string? state, string? light, int? page, int? pageSize, string? queue, string? sort, string? cursor,
        string? number, string? q, string? phone, string? place, string? category, string? channel, string? urgency,
        string? holder, string? missed, string? from, string? to, HttpContext http, IQuerySession session, ReferenceData reference, TicketQueues queues)
    {
        var fields = new Fields();
        var search = queues.Check(
            new TicketSearchRequest(queue, state, light, urgency, channel, category, place, holder, missed, q, phone, number, from, to, sort, cursor, unit),
            http.User, fields);
        if (page is < 1 or > MaxPage)
            fields.Add("page", $"must be from 1 to {MaxPage}.");
        if (pageSize is < 1 or > MaxPageSize)
            fields.Add("pageSize", $"must be from 1 to {MaxPageSize}.");
        if (page is > 1 && cursor is not null)
            fields.Add("page", "give a page or a cursor, not both.");
        if (!fields.AreValid)
            return Problems.Invalid(fields.Errors);

        var user = http.User;
        if (unit is not null && EscalationClaims.RoleOf(user) == Role.Dispatcher && !reference.IsSelfOrAncestor(EscalationClaims.ActorOf(user).UnitCode, unit))
            return Problems.Forbidden("see the queue of a unit outside its own");

        var size = pageSize ?? 50;
        var pageNumber = page ?? 1;
        var found = await queues.PageAsync(session, user, search, size, http.RequestAborted, skip: (pageNumber - 1) * size);
        return Results.Ok(new TicketPage(found.Items, pageNumber, size, found.Total, found.NextCursor));
    }

    /// <summary>How many tickets wait in each of the caller's work queues (the console's tabs), within <c>unit</c> when given.</summary>
    [ProducesResponseType<IReadOnlyList<QueueCount>>(StatusCodes.Status200OK)]
    [WolverineGet("/api/tickets/queues")]
    public static async Task<IResult> Counts(string? unit, HttpContext http, IQuerySession session, ReferenceData reference, TicketQueues queues)
    {
        if (unit is not null && reference.FindUnit(unit) is null)
            return Problems.Invalid(new Dictionary<string, string[]> { ["unit"] = [$"there is no unit {unit}."] });
        var user = http.User;
        if (unit is not null && EscalationClaims.RoleOf(user) == Role.Dispatcher && !reference.IsSelfOrAncestor(EscalationClaims.ActorOf(user).UnitCode, unit))
            return Problems.Forbidden("see the queue of a unit outside its own");
        return Results.Ok(await queues.CountsAsync(session, user, unit, http.RequestAborted));
    }
}
