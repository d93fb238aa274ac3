using Escalation.Host.WebConsole;
using Marten;
using Wolverine;

namespace Escalation.Host.Notifications;

/// <summary>The notifications' services, documents and queue (see docs/notifications.md).</summary>
public static class NotificationSetup
{
    public static void AddNotifications(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(NotificationSettings.Section).Get<NotificationSettings>() ?? new NotificationSettings();
        QuietHours.Parse(settings.QuietHours);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(NotificationContacts.Load(builder.Configuration));
        builder.Services.AddSingleton<Notifier>();
        builder.Services.AddSingleton<NotificationSenders>();
        builder.Services.AddSingleton<NotificationInbox>();
        builder.Services.AddHttpClient(NotificationSenders.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
    }

    public static void AddNotifications(this StoreOptions marten)
    {
        marten.Schema.For<Notification>().Index(n => n.TicketId).Index(n => n.Recipient);
        marten.Schema.For<NotificationPreferences>();
    }

    /// <summary>The console's live bell: the unread count as server-sent events, for a signed-in console user.</summary>
    public static void MapNotifications(this WebApplication app)
    {
        var interval = app.Configuration.GetValue($"{NotificationSettings.Section}:BellInterval", TimeSpan.FromSeconds(5));
        var stopping = app.Lifetime.ApplicationStopping;
        app.MapGet("/notifications/stream", (HttpContext http, IDocumentStore store, NotificationInbox inbox) => inbox.StreamAsync(http, store, interval, stopping))
            .RequireAuthorization(ConsoleSetup.Policy)
            .ExcludeFromDescription();
    }

    /// <summary>Notifications leave by a durable queue of their own, so a slow mail server never holds up the timers.</summary>
    public static void AddNotifications(this WolverineOptions wolverine) =>
        wolverine.LocalQueueFor<DeliverNotification>().MaximumParallelMessages(4);
}
