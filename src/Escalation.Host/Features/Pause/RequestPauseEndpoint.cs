using Escalation.Domain;
using Escalation.Domain.Pause;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Pause;

/// <param name="Awaiting">Whom the ticket waits for: citizen or third-party.</param>
/// <param name="Until">When the pause ends at the latest (with an offset); without it, as long as the county allows.</param>
public sealed record PauseTicketRequest(string? Awaiting, string? Reason, DateTimeOffset? Until);

public static class RequestPauseEndpoint
{
    [WolverinePost("/api/tickets/{id}/pause")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, PauseTicketRequest? request, ApiCommands api) =>
        api.RunAsync(id, Plan(id, request), request);

    public static TicketCommandPlan Plan(Guid id, PauseTicketRequest? request)
    {
        var fields = new Fields();
        var awaiting = fields.Choice<PauseAwaiting>(request?.Awaiting, "awaiting");
        var reason = fields.Text(request?.Reason, "reason", 1000);
        return new(TicketAction.RequestPause, fields, by => new RequestPause(id, by, awaiting!.Value, reason!, request!.Until));
    }
}
