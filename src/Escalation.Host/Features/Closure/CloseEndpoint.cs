using Escalation.Domain;
using Escalation.Domain.Closure;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Closure;

public static class CloseEndpoint
{
    [WolverinePost("/api/tickets/{id}/close")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, NoteRequest? request, ApiCommands api) =>
        api.RunAsync(id, Plan(id, request), request);

    public static TicketCommandPlan Plan(Guid id, NoteRequest? request)
    {
        var fields = new Fields();
        var note = fields.Text(request?.Note, "note", 1000, required: false);
        return new(TicketAction.Close, fields, by => new CloseTicket(id, by, note));
    }
}
