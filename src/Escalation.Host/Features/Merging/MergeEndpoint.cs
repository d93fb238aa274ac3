using Escalation.Domain;
using Escalation.Domain.Merging;
using Escalation.Host.Api;
using Escalation.Host.Auth;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Merging;

public sealed record MergeRequest(Guid? IntoTicketId);

/// <summary>Merges a duplicate into its master: both streams change in one transaction.</summary>
public static class MergeEndpoint
{
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    [WolverinePost("/api/tickets/{id}/merge")]
    public static async Task<IResult> Post(Guid id, MergeRequest? request, HttpContext http, IDocumentSession session, TicketCommandRunner runner)
    {
        var fields = new Fields();
        if (request?.IntoTicketId is not { } masterId || masterId == Guid.Empty)
        {
            fields.Add("intoTicketId", "is required: the id of the ticket this one duplicates.");
            masterId = Guid.Empty;
        }
        if (TicketCommandRunner.CheckRequest(http, TicketAction.Merge, fields, out var expectedVersion) is { } refused)
            return refused;

        // Marten refuses the empty id as a stream id (it throws); no ticket has it.
        if (id == Guid.Empty)
            return Problems.NoSuchTicket(id);
        var duplicate = await session.Events.FetchForWriting<Ticket>(id, http.RequestAborted);
        if (duplicate.Aggregate is null || !await runner.MaySeeAsync(http.User, session, id, http.RequestAborted))
            return Problems.NoSuchTicket(id);
        if (TicketCommandRunner.CheckVersion(expectedVersion, duplicate.CurrentVersion) is { } stale)
            return stale;
        var master = await session.Events.FetchForWriting<Ticket>(masterId, http.RequestAborted);
        if (master.Aggregate is null || !await runner.MaySeeAsync(http.User, session, masterId, http.RequestAborted))
            return Problems.Invalid("intoTicketId", $"there is no ticket {masterId}.");

        var command = new MergeTicket(id, EscalationClaims.ActorOf(http.User), masterId);
        var context = runner.Context();
        var decision = command.Decide(duplicate.Aggregate, master.Aggregate, context);
        if (decision.IsRejected)
            return Problems.Rejected(decision.Rejection);

        var version = (duplicate.CurrentVersion ?? 0) + decision.Events.Count;
        duplicate.AppendMany(decision.Events);
        master.AppendMany(command.DecideForMaster(duplicate.Aggregate, master.Aggregate, context).Events);
        var outcome = await TicketCommandRunner.SaveAsync(session, id, version, decision.Events, http.RequestAborted);
        if (outcome.Accepted is not null)
            http.Response.Headers.ETag = TicketCommandRunner.ETag(version);
        return outcome.ToResult();
    }
}
