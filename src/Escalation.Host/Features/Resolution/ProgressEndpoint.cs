using Escalation.Domain.Resolution;
using Escalation.Host.Api;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Escalation.Host.Features.Resolution;

public sealed record NoteRequest(string? Note);

public static class ProgressEndpoint
{
    [WolverinePost("/api/tickets/{id}/progress")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, NoteRequest? request, HttpContext http, IDocumentSession session, IMessageBus bus, TicketCommandRunner runner) =>
        runner.RunAsync(http, session, bus, id, Plan(id, request));

    public static TicketCommandPlan Plan(Guid id, NoteRequest? request)
    {
        var fields = new Fields();
        var note = fields.Text(request?.Note, "note", 4000);
        return new(TicketAction.NoteProgress, fields, by => new NoteProgress(id, by, note!));
    }
}
