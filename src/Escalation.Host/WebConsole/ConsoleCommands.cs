using System.Security.Claims;
using Escalation.Host.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine;
using Wolverine.Marten.Publishing;

namespace Escalation.Host.WebConsole;

/// <summary>What became of a command the console sent: done, or the problem the API would have answered with.</summary>
public sealed record ConsoleOutcome(int Status, string? Title, string? RuleCode, IReadOnlyDictionary<string, string[]> FieldErrors)
{
    public static readonly ConsoleOutcome Done = new(StatusCodes.Status200OK, null, null, new Dictionary<string, string[]>());

    public bool Succeeded => Status == StatusCodes.Status200OK;

    /// <summary>Someone else acted on the ticket first (412 on the version the page showed, or 409 on a race).</summary>
    public bool IsConflict => Status is StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed;

    public static ConsoleOutcome Of(IResult? failure)
    {
        if (failure is null)
            return Done;
        var problem = (failure as ProblemHttpResult)?.ProblemDetails;
        return new ConsoleOutcome(
            (failure as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status500InternalServerError,
            problem?.Title,
            problem?.Extensions.TryGetValue("code", out var code) == true ? code?.ToString() : null,
            (problem as HttpValidationProblemDetails)?.Errors.AsReadOnly() ?? new Dictionary<string, string[]>().AsReadOnly());
    }
}

/// <summary>
/// Runs the API's own command plans for the console's forms, in a Marten session enrolled in Wolverine's outbox so the
/// timers a command starts are stored in the same transaction, as they are for the API.
/// </summary>
public sealed class ConsoleCommands(OutboxedSessionFactory sessions, IMessageBus bus, TicketCommandRunner runner)
{
    public async Task<ConsoleOutcome> RunAsync(ClaimsPrincipal user, Guid ticketId, TicketCommandPlan plan, long? version, CancellationToken ct)
    {
        await using var session = sessions.OpenSession(bus);
        var outcome = await runner.ExecuteAsync(user, session, bus, ticketId, plan, version, ct);
        return ConsoleOutcome.Of(outcome.Failure);
    }
}
