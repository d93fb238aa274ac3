using Escalation.Domain;
using Escalation.Domain.Resolution;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Resolution;

/// <param name="PartsOverride">Why the lead resolves with parts not fed back, where the county allows it (joint handling).</param>
public sealed record ResolveRequest(string? Summary, string? PartsOverride = null);

public static class ResolveEndpoint
{
    [WolverinePost("/api/tickets/{id}/resolve")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, ResolveRequest? request, ApiCommands api) =>
        api.RunAsync(id, Plan(id, request), request);

    public static TicketCommandPlan Plan(Guid id, ResolveRequest? request)
    {
        var fields = new Fields();
        var summary = fields.Text(request?.Summary, "summary", 4000);
        var partsOverride = fields.Text(request?.PartsOverride, "partsOverride", 1000, required: false);
        return new(TicketAction.Resolve, fields, by => new ResolveTicket(id, by, summary!, partsOverride));
    }
}
