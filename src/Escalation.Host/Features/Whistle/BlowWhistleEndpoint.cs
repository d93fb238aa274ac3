using Escalation.Domain.Whistle;
using Escalation.Domain;
using Escalation.Host.Api;
using Escalation.Host.Commands;
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
    public static Task<IResult> Post(Guid id, BlowWhistleRequest? request, ApiCommands api) =>
        api.RunAsync(id, Plan(id, Guid.CreateVersion7(), request), request,
            done => Results.Ok(new WhistleBlownResponse(id, done.Created!.Value, done.Version)));

    public static TicketCommandPlan Plan(Guid id, Guid whistleId, BlowWhistleRequest? request)
    {
        var fields = new Fields();
        var departments = request?.DepartmentCodes ?? [];
        if (departments.Length is 0 or > MaxDepartments)
            fields.Add("departmentCodes", $"must name 1 to {MaxDepartments} departments.");
        else if (departments.Any(code => string.IsNullOrWhiteSpace(code) || code.Length > 64 || code.Any(char.IsControl)))
            fields.Add("departmentCodes", "must hold codes of 1 to 64 printable characters.");
        var reason = fields.Text(request?.Reason, "reason", 1000);
        return new(TicketAction.BlowWhistle, fields, by => new BlowWhistle(id, by, whistleId, [.. departments.Select(c => c!.Trim())], reason!))
        {
            Created = whistleId,
        };
    }
}

public sealed record WhistleBlownResponse(Guid TicketId, Guid WhistleId, long Version);
