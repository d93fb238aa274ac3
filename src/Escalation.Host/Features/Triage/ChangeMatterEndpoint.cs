using Escalation.Domain;
using Escalation.Domain.Triage;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Triage;

public sealed record ChangeMatterRequest(string? CategoryCode, string? Reason);

/// <summary>The dispatcher changes the matter of a ticket in handling, and its limits follow the new class (docs/clocks.md).</summary>
public static class ChangeMatterEndpoint
{
    [WolverinePost("/api/tickets/{id}/matter")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, ChangeMatterRequest? request, ApiCommands api) =>
        api.RunAsync(id, Plan(id, request), request);

    public static TicketCommandPlan Plan(Guid id, ChangeMatterRequest? request)
    {
        var fields = new Fields();
        var category = fields.Text(request?.CategoryCode, "categoryCode", 64);
        var reason = fields.Text(request?.Reason, "reason", 1000);
        return new(TicketAction.ChangeMatter, fields, by => new ChangeMatter(id, by, category!, reason!));
    }
}
