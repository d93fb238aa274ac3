using System.Security.Claims;
using Escalation.Host.Auth;
using Marten;

namespace Escalation.Host.Notifications;

/// <summary>A user's own choice of what not to be told in the console; mandatory kinds cannot be opted out of.</summary>
public sealed record NotificationPreferences(string Id, IReadOnlyList<NotificationKind> OptedOut);

public sealed record BellEntry(string Id, Guid TicketId, NotificationKind Kind, string Subject, string Text, DateTimeOffset CreatedAt, bool Read);

public sealed record Bell(int Unread, IReadOnlyList<BellEntry> Items);

/// <summary>
/// The console's bell: the notifications of the user's unit or department, less the kinds the user opted out of.
/// An entry read by one user of the unit is read for the unit (the unit's inbox, not a personal one).
/// </summary>
public sealed class NotificationInbox(NotificationSettings settings)
{
    public const int Shown = 50;

    public async Task<Bell> ForAsync(IQuerySession session, ClaimsPrincipal user, CancellationToken ct)
    {
        var me = EscalationClaims.ActorOf(user);
        var hidden = await HiddenAsync(session, me.UserId, ct);
        var mine = session.Query<Notification>()
            .Where(n => n.Channel == Channels.Console && n.Recipient == me.UnitCode && !hidden.Contains(n.Kind));
        var unread = await mine.CountAsync(n => n.Status != NotificationStatus.Read, ct);
        var items = await mine.OrderByDescending(n => n.CreatedAt).Take(Shown).ToListAsync(ct);
        return new Bell(unread, [.. items.Select(n => new BellEntry(n.Id, n.TicketId, n.Kind, n.Subject, n.Text, n.CreatedAt, n.Status == NotificationStatus.Read))]);
    }

    /// <summary>
    /// The bell's count as a stream of server-sent events (<c>event: unread</c>), one each time it changes, looked up
    /// every <paramref name="interval"/> until the page goes away or the host stops (an open stream must not hold up its shutdown).
    /// </summary>
    public async Task StreamAsync(HttpContext http, IDocumentStore store, TimeSpan interval, CancellationToken stopping)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        var ct = ended.Token;
        var last = -1;
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                await using var session = store.QuerySession();
                var unread = (await ForAsync(session, http.User, ct)).Unread;
                if (unread == last)
                    continue;
                last = unread;
                await http.Response.WriteAsync($"event: unread\ndata: {unread}\n\n", ct);
                await http.Response.Body.FlushAsync(ct);
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The page was closed, or the host is stopping.
        }
    }

    /// <summary>Marks one of the user's console notifications read; false when the user has no such notification.</summary>
    public static async Task<bool> MarkReadAsync(IDocumentSession session, ClaimsPrincipal user, string id, DateTimeOffset now, CancellationToken ct)
    {
        var me = EscalationClaims.ActorOf(user);
        if (await session.LoadAsync<Notification>(id, ct) is not { Channel: Channels.Console } notification || notification.Recipient != me.UnitCode)
            return false;
        if (notification.Status != NotificationStatus.Read)
            session.Store(notification with { Status = NotificationStatus.Read, ReadAt = now, ReadBy = me.UserId });
        return true;
    }

    public static async Task<NotificationPreferences> PreferencesAsync(IQuerySession session, string userId, CancellationToken ct) =>
        await session.LoadAsync<NotificationPreferences>(userId, ct) ?? new NotificationPreferences(userId, []);

    /// <summary>The kinds in <paramref name="optedOut"/> the county makes mandatory: those a user may not opt out of.</summary>
    public IReadOnlyList<NotificationKind> Refused(IEnumerable<NotificationKind> optedOut) => [.. optedOut.Where(settings.MandatoryKinds.Contains)];

    private async Task<NotificationKind[]> HiddenAsync(IQuerySession session, string userId, CancellationToken ct) =>
        [.. (await PreferencesAsync(session, userId, ct)).OptedOut.Where(k => !settings.MandatoryKinds.Contains(k))];
}
