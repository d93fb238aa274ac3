using Escalation.Domain;
using Escalation.Domain.Triage;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Escalation.Host.Features.Extension;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Triage;

/// <summary>The level above approves or refuses a return asked for where the county reviews returns (docs/clocks.md).</summary>
public static class ReviewReturnEndpoint
{
    [WolverinePost("/api/tickets/{id}/return/review")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, ReviewRequest? request, ApiCommands api) =>
        api.RunAsync(id, Plan(id, request), request);

    public static TicketCommandPlan Plan(Guid id, ReviewRequest? request) =>
        ReviewRequest.Plan(request, TicketAction.ReviewReturn, (by, approve, note) => new ReviewReturn(id, by, approve, note));
}
