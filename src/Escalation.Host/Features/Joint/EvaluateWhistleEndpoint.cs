using Escalation.Domain;
using Escalation.Domain.Joint;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Joint;

public sealed record EvaluateWhistleRequest(bool? Justified, bool? WithinWhistlerPowers, string? Comment);

/// <summary>A summoned department evaluates the whistle: justified, and within the whistler's own powers (frivolous when unjustified or within them).</summary>
public static class EvaluateWhistleEndpoint
{
    [WolverinePost("/api/tickets/{id}/whistles/{whistleId}/whistle-evaluation")]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    public static Task<IResult> Post([AsParameters] WhistleAnswer<EvaluateWhistleRequest> answer, ApiCommands api) =>
        api.RunAsync(answer.Id, Plan(answer.Id, answer.WhistleId, answer.Body), answer.Body);

    public static TicketCommandPlan Plan(Guid id, Guid whistleId, EvaluateWhistleRequest? request)
    {
        var fields = new Fields();
        var justified = JointFields.Flag(fields, request?.Justified, "justified", "true when the whistle was justified");
        var within = JointFields.Flag(fields, request?.WithinWhistlerPowers, "withinWhistlerPowers", "true when the matter was within the whistling unit's own powers");
        var comment = fields.Text(request?.Comment, "comment", 1000, required: false);
        return new(TicketAction.EvaluateWhistle, fields, by => new EvaluateWhistle(id, by, whistleId, justified, within, comment));
    }
}
