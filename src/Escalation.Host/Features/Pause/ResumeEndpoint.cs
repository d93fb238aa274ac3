using Escalation.Domain;
using Escalation.Domain.Pause;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Pause;

public static class ResumeEndpoint
{
    [WolverinePost("/api/tickets/{id}/resume")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, NoteRequest? request, ApiCommands api) =>
        api.RunAsync(id, Plan(id, request), request);

    public static TicketCommandPlan Plan(Guid id, NoteRequest? request)
    {
        var fields = new Fields();
        var note = fields.Text(request?.Note, "note", 1000);
        return new(TicketAction.Resume, fields, by => new ResumeTicket(id, by, note));
    }
}
