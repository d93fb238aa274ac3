using Escalation.Domain;
using Escalation.Domain.Resolution;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Resolution;

public static class ProgressEndpoint
{
    [WolverinePost("/api/tickets/{id}/progress")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, NoteRequest? request, ApiCommands api) =>
        api.RunAsync(id, Plan(id, request), request);

    public static TicketCommandPlan Plan(Guid id, NoteRequest? request)
    {
        var fields = new Fields();
        var note = fields.Text(request?.Note, "note", 4000);
        return new(TicketAction.NoteProgress, fields, by => new NoteProgress(id, by, note!));
    }
}
