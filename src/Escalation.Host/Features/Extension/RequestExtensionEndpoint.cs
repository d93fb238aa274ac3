using Escalation.Domain;
using Escalation.Domain.Extension;
using Escalation.Domain.Timers;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Extension;

/// <param name="Clock">The limit to extend: accept, resolve or report-in.</param>
/// <param name="WhistleId">For a report-in limit, the whistle it answers.</param>
/// <param name="NewDeadline">The deadline asked for; or instead <paramref name="AddedTime"/>, time added to the current one ("2 days", "1 working day").</param>
public sealed record ExtendRequest(string? Clock, Guid? WhistleId, DateTimeOffset? NewDeadline, string? AddedTime, string? Reason);

public static class RequestExtensionEndpoint
{
    [WolverinePost("/api/tickets/{id}/extension")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, ExtendRequest? request, ApiCommands api) =>
        api.RunAsync(id, Plan(id, request), request);

    public static TicketCommandPlan Plan(Guid id, ExtendRequest? request)
    {
        var fields = new Fields();
        var clock = fields.Choice<Clock>(request?.Clock, "clock");
        var reason = fields.Text(request?.Reason, "reason", 1000);
        TimeLimit? added = null;
        if (request?.AddedTime is { Length: > 0 } text && !TimeLimit.TryParse(text.Trim(), out added))
            fields.Add("addedTime", "must be a time limit such as \"2 days\", \"4 working hours\" or \"1 working day\".");
        if ((request?.NewDeadline is null) == (added is null) && !fields.Errors.ContainsKey("addedTime"))
            fields.Add("newDeadline", "give either the new deadline or the time to add (addedTime), not both.");
        return new(TicketAction.RequestExtension, fields, by => new RequestExtension(id, by, clock!.Value, request!.WhistleId, request.NewDeadline, added, reason!));
    }
}
