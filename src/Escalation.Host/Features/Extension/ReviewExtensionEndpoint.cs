using Escalation.Domain;
using Escalation.Domain.Extension;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Extension;

/// <param name="Approve">True to approve the extension asked for, false to refuse it (then with a note giving the reason).</param>
public sealed record ReviewRequest(bool? Approve, string? Note);

public static class ReviewExtensionEndpoint
{
    [WolverinePost("/api/tickets/{id}/extension/review")]
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
        return new(TicketAction.ReviewExtension, fields, by => new ReviewExtension(id, by, approve!.Value, note));
    }
}
