using Escalation.Domain;
using Escalation.Domain.Escalation;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Escalation;

/// <param name="CoHandlers">Co-handlers beside the lead, the department it goes to (joint handling).</param>
public sealed record TransferRequest(string? DepartmentCode, Joint.CoHandlerRequest?[]? CoHandlers = null);

public static class TransferEndpoint
{
    [WolverinePost("/api/tickets/{id}/transfer")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, TransferRequest? request, ApiCommands api) =>
        api.RunAsync(id, Plan(id, request), request);

    public static TicketCommandPlan Plan(Guid id, TransferRequest? request)
    {
        var fields = new Fields();
        var department = fields.Text(request?.DepartmentCode, "departmentCode", 64);
        return new(TicketAction.Transfer, fields, Joint.CoHandlerFields.Wrap(fields, request?.CoHandlers, by => new TransferTicket(id, by, department!)));
    }
}
