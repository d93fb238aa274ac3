using Escalation.Domain.Reference;
using Marten;
using Wolverine;

namespace Escalation.Host.Notifications;

/// <summary>
/// Stores the notifications a command's turns imply and sends each through Wolverine's outbox, in the command's own
/// session: they commit with the events that cause them, or not at all. One that must wait for the end of quiet hours
/// is a scheduled message.
/// </summary>
public sealed class Notifier(NotificationSettings settings, NotificationContacts contacts, Escalation.Host.Organisation.CountyReference county)
{
    /// <summary>The county's reference data in force now (it changes at runtime: docs/county.md).</summary>
    private ReferenceData reference => county.Current;

    public IEnumerable<Notification> Plan(IEnumerable<TurnTaken> turns) =>
        turns.SelectMany(turn => Notices.From(turn, reference))
            .SelectMany(notice => NotificationPlan.For(notice, settings, contacts, reference))
            .DistinctBy(n => n.Id);

    public async Task EnqueueAsync(IDocumentSession session, IMessageBus bus, IEnumerable<TurnTaken> turns, DateTimeOffset now)
    {
        foreach (var notification in Plan(turns))
        {
            session.Insert(notification);
            if (notification.Channel == Channels.Console)
                continue;
            var deliver = new DeliverNotification(notification.Id);
            if (notification.NotBefore <= now)
                await bus.PublishAsync(deliver);
            else
                await bus.ScheduleAsync(deliver, notification.NotBefore);
        }
    }
}
