using Escalation.Domain.Reference;
using Escalation.Host.Api;
using Escalation.Projections;
using Escalation.Projections.Integrity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Tickets;

/// <summary>Checks the case's hash chain against the stored events: any change made behind the service's back shows.</summary>
public static class VerifyEndpoint
{
    [ProducesResponseType<ChainVerification>(StatusCodes.Status200OK)]
    [WolverineGet("/api/tickets/{id}/verify")]
    public static async Task<IResult> Get(Guid id, HttpContext http, IQuerySession session, ReferenceData reference)
    {
        var view = await session.LoadAsync<TicketView>(id, http.RequestAborted);
        if (view is null || !Access.MaySee(http.User, view, reference))
            return Problems.NoSuchTicket(id);
        return Results.Ok(await EventChain.VerifyAsync(session, id, http.RequestAborted));
    }
}
