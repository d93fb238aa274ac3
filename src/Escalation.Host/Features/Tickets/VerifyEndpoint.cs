using Escalation.Domain.Reference;
using Escalation.Host.Api;
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
        if (await Access.LoadVisibleAsync(session, http.User, id, reference, http.RequestAborted) is null)
            return Problems.NoSuchTicket(id);
        return Results.Ok(await EventChain.VerifyAsync(session, id, http.RequestAborted));
    }
}
