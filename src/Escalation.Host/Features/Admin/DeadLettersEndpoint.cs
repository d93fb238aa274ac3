using Escalation.Domain.Reference;
using Escalation.Host.Api;
using Escalation.Host.Auth;
using Escalation.Host.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Persistence.Durability;

namespace Escalation.Host.Features.Admin;

/// <summary>A message Wolverine gave up on: what it was, where it was received, and the fault that stopped it.</summary>
public sealed record DeadLetter(
    Guid Id, string MessageType, object? Message, string ReceivedAt, DateTimeOffset? FailedAt, string ExceptionType, string ExceptionMessage,
    bool Replayable);

public sealed record DeadLetterPage(int Page, int PageSize, int Total, IReadOnlyList<DeadLetter> Items);

/// <summary>The dead letter queue, for administrators: list it, and replay a message once its cause is fixed.</summary>
public static class DeadLettersEndpoint
{
    public const int PageSize = 50;

    /// <summary>The dead letters, oldest first, <see cref="PageSize"/> a page.</summary>
    [ProducesResponseType<DeadLetterPage>(StatusCodes.Status200OK)]
    [WolverineGet("/api/admin/dead-letters")]
    public static async Task<IResult> Get(int? page, HttpContext http, DeadLetterAlarm alarm)
    {
        if (EscalationClaims.RoleOf(http.User) != Role.Administrator)
            return Problems.Forbidden("see the dead letter queue");
        if (page is < 1)
            return Problems.Invalid("page", "must be 1 or more.");

        var number = page ?? 1;
        var results = await alarm.ListAsync(number, PageSize, http.RequestAborted);
        return Results.Ok(new DeadLetterPage(number, PageSize, results.TotalCount, [.. results.Envelopes.Select(Describe)]));
    }

    /// <summary>Marks a dead letter for replay: the durability agent moves it back to the inbox within one polling interval.</summary>
    [WolverinePost("/api/admin/dead-letters/{id}/replay")]
    public static async Task<IResult> Replay(Guid id, HttpContext http, DeadLetterAlarm alarm)
    {
        if (EscalationClaims.RoleOf(http.User) != Role.Administrator)
            return Problems.Forbidden("replay a dead letter");
        return await alarm.ReplayAsync(id, http.RequestAborted) ? Results.Accepted() : Problems.NoSuchDeadLetter(id);
    }

    private static DeadLetter Describe(DeadLetterEnvelope letter) => new(
        letter.Id, letter.MessageType, letter.Message, letter.ReceivedAt, letter.FailedAt, letter.ExceptionType, letter.ExceptionMessage,
        letter.Replayable);
}
