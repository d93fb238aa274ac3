using Escalation.Domain;
using Escalation.Domain.Joint;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Joint;

/// <summary>A party's answer about one part on one ticket: the route's two ids and the request's body.</summary>
public sealed class PartAnswer<TRequest>
{
    [FromRoute(Name = "id")]
    public Guid Id { get; set; }

    [FromRoute(Name = "partId")]
    public Guid PartId { get; set; }

    [FromBody]
    public TRequest? Body { get; set; }
}

/// <summary>A party carried out its part (落实) and feeds back (反馈): a co-handler's, or one agreed at a whistle's conference.</summary>
public static class FeedBackPartEndpoint
{
    [WolverinePost("/api/tickets/{id}/parts/{partId}/feedback")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static Task<IResult> Post([AsParameters] PartAnswer<NoteRequest> answer, ApiCommands api) =>
        api.RunAsync(answer.Id, Plan(answer.Id, answer.PartId, answer.Body), answer.Body);

    public static TicketCommandPlan Plan(Guid id, Guid partId, NoteRequest? request)
    {
        var fields = new Fields();
        var note = fields.Text(request?.Note, "note", 4000);
        return new(TicketAction.FeedBackPart, fields, by => new FeedBackPart(id, by, partId, note!));
    }
}
