using Escalation.Domain;
using Escalation.Domain.Triage;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Triage;

/// <summary>The holder of an escalated ticket sends it back down to the unit that raised it (docs/clocks.md).</summary>
public static class ReturnToRaiserEndpoint
{
    [WolverinePost("/api/tickets/{id}/return-to-raiser")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, ReturnRequest? request, ApiCommands api) =>
        api.RunAsync(id, Plan(id, request), request);

    /// <summary>A new route, so its reason code is required from the start: no existing client sends it without one.</summary>
    public static TicketCommandPlan Plan(Guid id, ReturnRequest? request)
    {
        var fields = new Fields();
        var reason = fields.Text(request?.Reason, "reason", 1000);
        var code = fields.Choice<ReturnReason>(request?.ReasonCode, "reasonCode", required: true);
        return new(TicketAction.ReturnToRaiser, fields, by => new ReturnToRaiser(id, by, reason!, code));
    }
}
