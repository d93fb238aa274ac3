using Escalation.Domain;
using Escalation.Domain.Pause;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Escalation.Host.Features.Extension;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Pause;

public static class ReviewPauseEndpoint
{
    [WolverinePost("/api/tickets/{id}/pause/review")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, ReviewRequest? request, ApiCommands api) =>
        api.RunAsync(id, Plan(id, request), request);

    public static TicketCommandPlan Plan(Guid id, ReviewRequest? request) =>
        ReviewRequest.Plan(request, TicketAction.ReviewPause, (by, approve, note) => new ReviewPause(id, by, approve, note));
}
