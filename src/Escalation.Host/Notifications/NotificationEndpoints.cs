using Escalation.Domain.Reference;
using Escalation.Host.Api;
using Escalation.Host.Auth;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Escalation.Host.Notifications;

public sealed record PreferencesRequest(IReadOnlyList<NotificationKind>? OptedOut);

/// <summary>The bell, a user's preferences, a ticket's notifications, and the failed ones for administrators to replay.</summary>
public static class NotificationEndpoints
{
    [ProducesResponseType<Bell>(StatusCodes.Status200OK)]
    [WolverineGet("/api/notifications")]
    public static async Task<IResult> Get(HttpContext http, IQuerySession session, NotificationInbox inbox) =>
        Results.Ok(await inbox.ForAsync(session, http.User, http.RequestAborted));

    [WolverinePost("/api/notifications/{id}/read")]
    public static async Task<IResult> Read(string id, HttpContext http, IDocumentSession session, TimeProvider clock) =>
        await NotificationInbox.MarkReadAsync(session, http.User, id, clock.GetUtcNow(), http.RequestAborted)
            ? Results.NoContent()
            : NoSuchNotification(id);

    [ProducesResponseType<NotificationPreferences>(StatusCodes.Status200OK)]
    [WolverineGet("/api/notifications/preferences")]
    public static async Task<IResult> GetPreferences(HttpContext http, IQuerySession session) =>
        Results.Ok(await NotificationInbox.PreferencesAsync(session, EscalationClaims.ActorOf(http.User).UserId, http.RequestAborted));

    /// <summary>Replaces the user's opt-outs; a mandatory kind is refused, naming it.</summary>
    [ProducesResponseType<NotificationPreferences>(StatusCodes.Status200OK)]
    [WolverinePut("/api/notifications/preferences")]
    public static IResult PutPreferences(PreferencesRequest request, HttpContext http, IDocumentSession session, NotificationInbox inbox)
    {
        if (request.OptedOut is null)
            return Problems.Invalid("optedOut", "is required.");
        if (inbox.Refused(request.OptedOut) is [_, ..] mandatory)
            return Problems.Invalid("optedOut", $"must not name a mandatory kind: {string.Join(", ", mandatory.Select(Fields.Name))}.");
        var preferences = new NotificationPreferences(EscalationClaims.ActorOf(http.User).UserId, [.. request.OptedOut.Distinct()]);
        session.Store(preferences);
        return Results.Ok(preferences);
    }

    /// <summary>Every notification a ticket caused, by every channel, with its status: for whoever may see the ticket.</summary>
    [ProducesResponseType<IReadOnlyList<Notification>>(StatusCodes.Status200OK)]
    [WolverineGet("/api/tickets/{id}/notifications")]
    public static async Task<IResult> ForTicket(Guid id, HttpContext http, IQuerySession session, ReferenceData reference)
    {
        if (await Access.LoadVisibleAsync(session, http.User, id, reference, http.RequestAborted) is null)
            return Problems.NoSuchTicket(id);
        return Results.Ok(await OfTicketAsync(session, id, http.RequestAborted));
    }

    /// <summary>The notifications that failed for good (the dead letters of notification), oldest first.</summary>
    [ProducesResponseType<IReadOnlyList<Notification>>(StatusCodes.Status200OK)]
    [WolverineGet("/api/admin/notifications/failed")]
    public static async Task<IResult> Failed(HttpContext http, IQuerySession session)
    {
        if (EscalationClaims.RoleOf(http.User) != Role.Administrator)
            return Problems.Forbidden("see the failed notifications");
        return Results.Ok(await session.Query<Notification>()
            .Where(n => n.Status == NotificationStatus.Failed).OrderBy(n => n.CreatedAt).Take(500).ToListAsync(http.RequestAborted));
    }

    /// <summary>Queues a failed notification again, from its first attempt, through the outbox: 202, or 404 when none such failed.</summary>
    [WolverinePost("/api/admin/notifications/{id}/replay")]
    public static async Task<IResult> Replay(string id, HttpContext http, IDocumentSession session, IMessageBus bus, TimeProvider clock)
    {
        if (EscalationClaims.RoleOf(http.User) != Role.Administrator)
            return Problems.Forbidden("replay a notification");
        if (await session.LoadAsync<Notification>(id, http.RequestAborted) is not { Status: NotificationStatus.Failed } failed)
            return NoSuchNotification(id);
        session.Store(failed with { Status = NotificationStatus.Queued, Attempts = 0, NotBefore = clock.GetUtcNow() });
        await bus.PublishAsync(new DeliverNotification(id));
        return Results.Accepted();
    }

    public static async Task<IReadOnlyList<Notification>> OfTicketAsync(IQuerySession session, Guid ticketId, CancellationToken ct) =>
        await session.Query<Notification>().Where(n => n.TicketId == ticketId).OrderBy(n => n.CauseVersion).ThenBy(n => n.Recipient).ThenBy(n => n.Channel).ToListAsync(ct);

    private static IResult NoSuchNotification(string id) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: $"There is no notification {id} for you.",
        type: "https://escalation.example/problems/no-such-notification");
}
