using Escalation.Domain.Whistle;
using Escalation.Host.Api;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Whistle;

public sealed record BlowWhistleRequest(string?[]? DepartmentCodes, string? Reason);

public static class BlowWhistleEndpoint
{
    public const int MaxDepartments = 20;

    /// <summary>Answers with the new whistle's id: departments report in at <c>whistles/{whistleId}/report-in</c>.</summary>
    [ProducesResponseType<WhistleBlownResponse>(StatusCodes.Status200OK)]
    [WolverinePost("/api/tickets/{id}/whistles")]
    public static async Task<IResult> Post(Guid id, BlowWhistleRequest request, HttpContext http, IDocumentSession session, TicketCommandRunner runner)
    {
        var fields = new Fields();
        if (request.DepartmentCodes is not { Length: > 0 and <= MaxDepartments } codes)
            fields.Add("departmentCodes", $"must name 1 to {MaxDepartments} departments.");
        else if (codes.Any(string.IsNullOrWhiteSpace))
            fields.Add("departmentCodes", "must not hold blank codes.");
        var reason = fields.Text(request.Reason, "reason", 1000);
        if (!fields.AreValid)
            return fields.Problem();

        var whistleId = Guid.CreateVersion7();
        var outcome = await runner.ExecuteAsync(http, session, id, TicketAction.BlowWhistle,
            by => new BlowWhistle(id, by, whistleId, [.. request.DepartmentCodes!.Select(c => c!.Trim())], reason!));
        return outcome.Accepted is { } accepted
            ? Results.Ok(new WhistleBlownResponse(id, whistleId, accepted.Version))
            : outcome.ToResult();
    }
}

public sealed record WhistleBlownResponse(Guid TicketId, Guid WhistleId, long Version);
