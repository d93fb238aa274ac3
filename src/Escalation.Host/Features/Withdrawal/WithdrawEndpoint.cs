using Escalation.Domain;
using Escalation.Domain.Withdrawal;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Withdrawal;

public static class WithdrawEndpoint
{
    [WolverinePost("/api/tickets/{id}/withdraw")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, ReasonRequest? request, ApiCommands api) =>
        api.RunAsync(id, Plan(id, request), request);

    public static TicketCommandPlan Plan(Guid id, ReasonRequest? request)
    {
        var fields = new Fields();
        var reason = fields.Text(request?.Reason, "reason", 1000);
        return new(TicketAction.Withdraw, fields, by => new WithdrawTicket(id, by, reason!));
    }
}
