using Escalation.Domain;
using Escalation.Domain.Extension;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Extension;

/// <param name="Approve">True to approve the extension asked for, false to refuse it (then with a note giving the reason).</param>
public sealed record ReviewRequest(bool? Approve, string? Note)
{
    /// <summary>The plan of a review, of an extension or of a pause: the answer is required, the note is not.</summary>
    public static TicketCommandPlan Plan(ReviewRequest? request, TicketAction action, Func<Actor, bool, string?, ITicketCommand> review)
    {
        var fields = new Fields();
        var approve = request?.Approve;
        if (approve is null)
            fields.Add("approve", "is required: true to approve, false to refuse.");
        var note = fields.Text(request?.Note, "note", 1000, required: false);
        return new(action, fields, by => review(by, approve!.Value, note));
    }
}

public static class ReviewExtensionEndpoint
{
    [WolverinePost("/api/tickets/{id}/extension/review")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, ReviewRequest? request, ApiCommands api) =>
        api.RunAsync(id, Plan(id, request), request);

    public static TicketCommandPlan Plan(Guid id, ReviewRequest? request) =>
        ReviewRequest.Plan(request, TicketAction.ReviewExtension, (by, approve, note) => new ReviewExtension(id, by, approve, note));
}
