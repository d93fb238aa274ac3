using Escalation.Domain;
using Escalation.Domain.Merging;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Merging;

public sealed record MergeRequest(Guid? IntoTicketId);

/// <summary>Merges a duplicate into its master: both streams change in one transaction.</summary>
public static class MergeEndpoint
{
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    [WolverinePost("/api/tickets/{id}/merge")]
    public static Task<IResult> Post(Guid id, MergeRequest? request, ApiCommands api) => api.RunAsync(id, Plan(id, request), request);

    public static TicketCommandPlan Plan(Guid id, MergeRequest? request)
    {
        var fields = new Fields();
        if (request?.IntoTicketId is not { } masterId || masterId == Guid.Empty)
        {
            fields.Add("intoTicketId", "is required: the id of the ticket this one duplicates.");
            masterId = Guid.Empty;
        }
        return new(TicketAction.Merge, fields, by => new MergeTicket(id, by, masterId)) { Referenced = ("intoTicketId", masterId) };
    }
}
