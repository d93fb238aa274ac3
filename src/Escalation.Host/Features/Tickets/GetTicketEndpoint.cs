using Escalation.Domain.Reference;
using Escalation.Host.Api;
using Escalation.Host.Features.Privacy;
using Escalation.Projections;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Tickets;

public sealed record TicketDetails(TicketView Ticket, CitizenDetails? Citizen);

public static class GetTicketEndpoint
{
    [ProducesResponseType<TicketDetails>(StatusCodes.Status200OK)]
    [WolverineGet("/api/tickets/{id}")]
    public static async Task<IResult> Get(Guid id, HttpContext http, IQuerySession session, ReferenceData reference, PersonalDataLog log)
    {
        var view = await Access.LoadVisibleAsync(session, http.User, id, reference, http.RequestAborted);
        if (view is null)
            return Problems.NoSuchTicket(id);

        var citizen = await log.CitizenAsync(session, http.User, view, "api", http.RequestAborted);
        http.Response.Headers.ETag = Problems.ETag(view.Version);
        return Results.Ok(new TicketDetails(view, citizen));
    }
}
