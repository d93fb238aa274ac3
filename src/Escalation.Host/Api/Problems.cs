using Escalation.Domain;

namespace Escalation.Host.Api;

/// <summary>Every error the API gives, as RFC 7807 problem details: one place maps failures to status codes.</summary>
public static class Problems
{
    /// <summary>400: each invalid field and why.</summary>
    public static IResult Invalid(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "The request is invalid.", type: "https://escalation.example/problems/invalid-request");

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
}
