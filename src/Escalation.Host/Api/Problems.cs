using Escalation.Domain;
using Escalation.Host.Commands;

namespace Escalation.Host.Api;

/// <summary>The answer to a command that was carried out.</summary>
public sealed record CommandAccepted(Guid TicketId, long Version, IReadOnlyList<string> Events, string? Number);

/// <summary>Every error the API gives, as RFC 7807 problem details: one place maps failures to status codes.</summary>
public static class Problems
{
    /// <summary>
    /// A command's result as the API answers it: 200 with the ticket's new version (also as the ETag), or the problem:
    /// 403 forbidden, 400 invalid fields, 404 no such ticket, 412 stale version, 422 a rule refused it, 409 a race.
    /// </summary>
    public static IResult For(CommandResult result, HttpContext http, Func<CommandResult.Done, IResult>? answer = null)
    {
        if (result is CommandResult.Done done)
        {
            http.Response.Headers.ETag = ETag(done.Version);
            return answer?.Invoke(done) ?? Results.Ok(new CommandAccepted(done.TicketId, done.Version, done.Events, done.Number));
        }
        return result switch
        {
            CommandResult.Forbidden x => Forbidden(Describe(x.Action)),
            CommandResult.InvalidFields x => Invalid(x.Errors),
            CommandResult.NoSuchTicket x => NoSuchTicket(x.TicketId),
            CommandResult.StaleVersion x => Stale(x.Expected, x.Current),
            CommandResult.Refused x => Rejected(x.Rejection),
            CommandResult.Conflict => Conflict(),
            _ => throw new ArgumentOutOfRangeException(nameof(result), result, "A command result the API does not map."),
        };
    }

    public static string ETag(long version) => $"\"{version}\"";

    /// <summary>400: each invalid field and why.</summary>
    public static IResult Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors.ToDictionary(), title: "The request is invalid.", type: "https://escalation.example/problems/invalid-request");

    public static IResult Invalid(string field, string reason) => Invalid(new Dictionary<string, string[]> { [field] = [reason] });

    /// <summary>422: a rule of the process refused the command.</summary>
    public static IResult Rejected(Rejection rejection) => Results.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: rejection.Message,
        type: $"https://escalation.example/rules/{rejection.Code}",
        extensions: new Dictionary<string, object?> { ["code"] = rejection.Code });

    public static IResult NoSuchTicket(Guid id) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: $"There is no ticket {id}.",
        type: "https://escalation.example/problems/no-such-ticket");

    public static IResult NoSuchDeadLetter(Guid id) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: $"There is no dead letter {id}.",
        type: "https://escalation.example/problems/no-such-dead-letter");

    public static IResult Forbidden(string what) => Results.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: $"Your role may not {what}.",
        type: "https://escalation.example/problems/forbidden");

    /// <summary>412: the If-Match version is not the ticket's current one.</summary>
    public static IResult Stale(long expected, long current) => Results.Problem(
        statusCode: StatusCodes.Status412PreconditionFailed,
        title: $"The ticket is at version {current}, not {expected}: reload it and try again.",
        type: "https://escalation.example/problems/stale-version",
        extensions: new Dictionary<string, object?> { ["currentVersion"] = current });

    /// <summary>
    /// 409: another command changed the ticket while this one was being decided. Said in words only: the store's
    /// exception text names its tables, streams and versions, which are no caller's business.
    /// </summary>
    public static IResult Conflict() => Results.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Someone else changed the ticket at the same moment: reload it and try again.",
        detail: "Another change to this ticket was saved first; nothing of yours was kept.",
        type: "https://escalation.example/problems/concurrent-change");

    /// <summary>How long a caller should wait before trying again when the database cannot be reached, in seconds.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>
    /// 503: the database cannot be reached (down, restarting, refusing connections or timing out). The caller sets
    /// Retry-After; nothing says which database, host or port.
    /// </summary>
    public static IResult DatabaseUnavailable() => Results.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "The service cannot reach its database just now: try again shortly.",
        detail: $"Try again in {RetryAfterSeconds} seconds. A change sent as the database went away may or may not have been kept: read the ticket before sending it again.",
        type: "https://escalation.example/problems/database-unavailable");

    private static string Describe(TicketAction action) => action switch
    {
        TicketAction.NoteProgress => "note progress on tickets",
        TicketAction.BlowWhistle => "blow whistles",
        TicketAction.ReportIn => "report in to whistles",
        TicketAction.EraseCitizenData => "erase citizens' personal data",
        _ => $"{action.ToString().ToLowerInvariant()} tickets",
    };
}
