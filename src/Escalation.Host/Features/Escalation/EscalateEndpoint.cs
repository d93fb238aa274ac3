using Escalation.Domain.Escalation;
using Escalation.Host.Api;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Escalation;

public sealed record EscalateRequest(string? Reason, string? Note);

public static class EscalateEndpoint
{
    [WolverinePost("/api/tickets/{id}/escalate")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(Guid id, EscalateRequest request, HttpContext http, IDocumentSession session, TicketCommandRunner runner)
    {
        var fields = new Fields();
        var reason = fields.Choice<EscalationReason>(request.Reason, "reason");
        var note = fields.Text(request.Note, "note", 1000, required: false);
        if (!fields.AreValid)
            return fields.Problem();
        return await runner.RunAsync(http, session, id, TicketAction.Escalate, by => new EscalateTicket(id, by, reason!.Value, note));
    }
}
