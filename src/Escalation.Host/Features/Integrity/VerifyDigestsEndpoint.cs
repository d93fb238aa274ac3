using Escalation.Domain.Reference;
using Escalation.Host.Api;
using Escalation.Host.Auth;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Integrity;

/// <summary>Checks the whole database against the daily digests: what every hash chain says can be rewritten, the digests written outside cannot.</summary>
public static class VerifyDigestsEndpoint
{
    [ProducesResponseType<DigestVerification>(StatusCodes.Status200OK)]
    [WolverineGet("/api/integrity/verify")]
    public static async Task<IResult> Get(HttpContext http, IQuerySession session, DigestFile file)
    {
        if (EscalationClaims.RoleOf(http.User) is not (Role.Auditor or Role.Administrator))
            return Problems.Forbidden("verify the database against the integrity digests");
        return Results.Ok(await DigestVerifier.VerifyAsync(file, session, http.RequestAborted));
    }
}
