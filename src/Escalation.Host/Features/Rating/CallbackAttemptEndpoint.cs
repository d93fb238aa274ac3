using Escalation.Domain;
using Escalation.Domain.Rating;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Rating;

public static class CallbackAttemptEndpoint
{
    /// <summary>The callback desk called the citizen and nobody answered; the county's number of such attempts makes the citizen unreachable.</summary>
    [WolverinePost("/api/tickets/{id}/callback-attempts")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, NoteRequest? request, ApiCommands api) =>
        api.RunAsync(id, Plan(id, request), request);

    public static TicketCommandPlan Plan(Guid id, NoteRequest? request)
    {
        var fields = new Fields();
        var note = fields.Text(request?.Note, "note", 1000, required: false);
        return new(TicketAction.CallBack, fields, by => new RecordCallbackAttempt(id, by, note));
    }
}
