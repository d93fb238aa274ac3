using Escalation.Domain;
using Escalation.Domain.Joint;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Joint;

public sealed record EvaluateDepartmentRequest(string? DepartmentCode, bool? OnTime, int? Attitude, int? Result, int? Score, string? Comment);

/// <summary>The whistling unit evaluates (评价) a department its whistle summoned.</summary>
public static class EvaluateDepartmentEndpoint
{
    [WolverinePost("/api/tickets/{id}/whistles/{whistleId}/evaluations")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static Task<IResult> Post([AsParameters] WhistleAnswer<EvaluateDepartmentRequest> answer, ApiCommands api) =>
        api.RunAsync(answer.Id, Plan(answer.Id, answer.WhistleId, answer.Body), answer.Body);

    public static TicketCommandPlan Plan(Guid id, Guid whistleId, EvaluateDepartmentRequest? request)
    {
        var fields = new Fields();
        var department = fields.Text(request?.DepartmentCode, "departmentCode", 64);
        var onTime = JointFields.Flag(fields, request?.OnTime, "onTime", "true when the department came and did its part on time");
        var attitude = JointFields.Mark(fields, request?.Attitude, "attitude", 1, 5);
        var result = JointFields.Mark(fields, request?.Result, "result", 1, 5);
        var score = JointFields.Mark(fields, request?.Score, "score", 0, 100);
        var comment = fields.Text(request?.Comment, "comment", 1000, required: false);
        return new(TicketAction.EvaluateDepartment, fields,
            by => new EvaluateDepartment(id, by, whistleId, department!, onTime, attitude, result, score, comment));
    }
}
