using Escalation.Domain;
using Escalation.Domain.Rating;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Rating;

/// <param name="Solved">The callback's first question (解决): whether the citizen says it was solved; left out when not asked.</param>
public sealed record RateRequest(string? Rating, string? Comment, bool? Solved = null);

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
        return new(TicketAction.Rate, fields, by => new RateTicket(id, by, rating!.Value, comment, request?.Solved));
    }
}
