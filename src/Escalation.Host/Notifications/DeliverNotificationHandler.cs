using System.Diagnostics.Metrics;
using Escalation.Host.Features.Timers;
using Marten;
using Wolverine;

namespace Escalation.Host.Notifications;

/// <summary>
/// Sends a stored notification once. The handler's session is in Wolverine's outbox: the new status and, after a
/// failure, the retry (a scheduled message) commit together with the message marked handled.
/// </summary>
public static class DeliverNotificationHandler
{
    private static readonly Meter Meter = new(TimeLimitDueHandler.MeterName);
    private static readonly Counter<long> Sent = Meter.CreateCounter<long>("escalation.notifications.sent", description: "Notifications sent, by channel.");
    private static readonly Counter<long> Failed = Meter.CreateCounter<long>("escalation.notifications.failed", description: "Notifications that failed for good, by channel.");
    private static readonly Counter<long> Retried = Meter.CreateCounter<long>("escalation.notifications.retried", description: "Failed attempts to be tried again, by channel.");

    /// <summary>The warning lights due to the same address, still queued, oldest first: one digest mail.</summary>
    private static async Task<IReadOnlyList<Notification>> DigestAsync(IQuerySession session, Notification notification, DateTimeOffset now, CancellationToken ct)
    {
        var due = await session.Query<Notification>()
            .Where(n => n.Digest && n.Address == notification.Address && n.Status == NotificationStatus.Queued && n.NotBefore <= now)
            .ToListAsync(ct);
        return [.. due.Append(notification).DistinctBy(n => n.Id).OrderBy(n => n.CreatedAt).ThenBy(n => n.Id, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Only a queued notification is sent: a second delivery of the same message (a crash after the commit, a replay)
    /// finds it sent and does nothing. One delivered before its time (the end of quiet hours) waits again.
    /// </summary>
    public static async Task Handle(
        DeliverNotification message, IDocumentSession session, IMessageBus bus, NotificationSenders senders, NotificationSettings settings, TimeProvider clock,
        CancellationToken ct)
    {
        var notification = await session.LoadAsync<Notification>(message.NotificationId, ct);
        if (notification is not { Status: NotificationStatus.Queued })
            return;
        var now = clock.GetUtcNow();
        if (now < notification.NotBefore)
        {
            await bus.ScheduleAsync(message, notification.NotBefore);
            return;
        }

        var channel = new KeyValuePair<string, object?>("channel", Channels.Family(notification.Channel));
        var attempts = notification.Attempts + 1;
        // Read before sending: a database fault here is the database's (Wolverine retries it), not a failed attempt to send.
        var batch = notification.Digest ? await DigestAsync(session, notification, now, ct) : [notification];
        // The batch's first notification sends it; any other waits a moment and finds itself sent (or leads the next batch).
        if (batch[0].Id != notification.Id)
        {
            await bus.ScheduleAsync(message, now + settings.DigestWindow);
            return;
        }
        try
        {
            if (notification.Digest)
            {
                await senders.MailAsync(batch, ct);
                foreach (var each in batch)
                    session.Store(each with { Status = NotificationStatus.Sent, Attempts = each.Attempts + 1, SentAt = now, LastError = null, SentWith = notification.Id });
                Sent.Add(batch.Count, channel);
                return;
            }
            await senders.SendAsync(session, notification, ct);
            session.Store(notification with { Status = NotificationStatus.Sent, Attempts = attempts, SentAt = now, LastError = null });
            Sent.Add(1, channel);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var delays = settings.RetryDelays;
            var error = $"{e.GetType().Name}: {e.Message}";
            if (e is UndeliverableException || attempts > delays.Count)
            {
                session.Store(notification with { Status = NotificationStatus.Failed, Attempts = attempts, LastError = error });
                Failed.Add(1, channel);
                return;
            }
            var next = now + delays[attempts - 1];
            // A failed digest is retried by its first notification; the others stay queued and go with it.
            session.Store(notification with { Attempts = attempts, LastError = error, NotBefore = next });
            await bus.ScheduleAsync(message, next);
            Retried.Add(1, channel);
        }
    }
}
