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

    public static TicketCommandPlan Plan(Guid id, ReviewRequest? request)
    {
        var fields = new Fields();
        var approve = request?.Approve;
        if (approve is null)
            fields.Add("approve", "is required: true to approve, false to refuse.");
        var note = fields.Text(request?.Note, "note", 1000, required: false);
        return new(TicketAction.ReviewPause, fields, by => new ReviewPause(id, by, approve!.Value, note));
    }
}
