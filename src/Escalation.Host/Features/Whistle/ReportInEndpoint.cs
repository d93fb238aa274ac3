using Escalation.Domain;
using Escalation.Domain.Whistle;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Whistle;

public sealed record ReportInRequest(bool? OnSite, string? Note);

public static class ReportInEndpoint
{
    [WolverinePost("/api/tickets/{id}/whistles/{whistleId}/report-in")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static Task<IResult> Post([AsParameters] WhistleAnswer<ReportInRequest> answer, ApiCommands api) =>
        api.RunAsync(answer.Id, Plan(answer.Id, answer.WhistleId, answer.Body), answer.Body);

    public static TicketCommandPlan Plan(Guid id, Guid whistleId, ReportInRequest? request)
    {
        var fields = new Fields();
        var onSite = request?.OnSite;
        if (onSite is null)
            fields.Add("onSite", "is required: true when the department came on site, false when it reported in remotely.");
        var note = fields.Text(request?.Note, "note", 1000, required: false);
        return new(TicketAction.ReportIn, fields, by => new ReportIn(id, by, whistleId, onSite!.Value, note));
    }
}
