using Escalation.Domain;
using Escalation.Domain.Rating;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Rating;

public sealed record RateRequest(string? Rating, string? Comment);

public static class RateEndpoint
{
    [WolverinePost("/api/tickets/{id}/rating")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, RateRequest? request, ApiCommands api) =>
        api.RunAsync(id, Plan(id, request), request);

    public static TicketCommandPlan Plan(Guid id, RateRequest? request)
    {
        var fields = new Fields();
        var rating = fields.Choice<Satisfaction>(request?.Rating, "rating");
        var comment = fields.Text(request?.Comment, "comment", 1000, required: false);
        return new(TicketAction.Rate, fields, by => new RateTicket(id, by, rating!.Value, comment));
    }
}
