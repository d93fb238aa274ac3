using Escalation.Domain;
using Escalation.Domain.Whistle;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Whistle;

/// <summary>A summoned department sends its summons back as mis-dispatched (退单); it counts against the whistle's unit.</summary>
public static class ReturnSummonsEndpoint
{
    [WolverinePost("/api/tickets/{id}/whistles/{whistleId}/return")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static Task<IResult> Post([AsParameters] WhistleAnswer<ReasonRequest> answer, ApiCommands api) =>
        api.RunAsync(answer.Id, Plan(answer.Id, answer.WhistleId, answer.Body), answer.Body);

    public static TicketCommandPlan Plan(Guid id, Guid whistleId, ReasonRequest? request)
    {
        var fields = new Fields();
        var reason = fields.Text(request?.Reason, "reason", 1000);
        return new(TicketAction.Return, fields, by => new ReturnSummons(id, by, whistleId, reason!));
    }
}
