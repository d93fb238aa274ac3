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

    /// <summary>409: another command changed the ticket while this one was being decided.</summary>
    public static IResult Conflict(string detail) => Results.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Someone else changed the ticket at the same moment: reload it and try again.",
        detail: detail,
        type: "https://escalation.example/problems/concurrent-change");
}
