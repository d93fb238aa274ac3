using Escalation.Domain.Intake;

namespace Escalation.Host.Notifications;

public enum NotificationStatus { Queued, Sent, Failed, Read }

/// <summary>The channels a notification goes by; a webhook's channel is <c>webhook:&lt;endpoint&gt;</c>.</summary>
public static class Channels
{
    public const string Console = "console";
    public const string Email = "email";
    public const string Sms = "sms";
    public const string Webhook = "webhook";

    /// <summary>The channel's family, as metrics and settings name it (every webhook endpoint is <c>webhook</c>).</summary>
    public static string Family(string channel) => channel.Split(':')[0];
}

/// <summary>
/// One notification to one recipient by one channel, and what became of it. Its id is its idempotency key: the cause
/// (ticket and stream position of the event) + the recipient + the channel, so the same cause can never make two.
/// </summary>
public sealed record Notification
{
    public string Id { get; init; } = "";
    public Guid TicketId { get; init; }
    public long CauseVersion { get; init; }
    public string CauseEvent { get; init; } = "";
    public NotificationKind Kind { get; init; }
    public string Recipient { get; init; } = "";
    public string Channel { get; init; } = "";

    /// <summary>The e-mail address or phone; none for the console, a webhook (its settings) or the citizen (looked up when sent).</summary>
    public string? Address { get; init; }

    public string Language { get; init; } = "zh";
    public string Subject { get; init; } = "";
    public string Text { get; init; } = "";
    public Urgency Urgency { get; init; }
    public DateTimeOffset? Deadline { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Not before this time: the end of the recipient's quiet hours, or when it was made.</summary>
    public DateTimeOffset NotBefore { get; init; }

    /// <summary>Whether it goes in a digest with the other lights to the same address that are due (e-mail only).</summary>
    public bool Digest { get; init; }

    /// <summary>The notification whose digest mail carried this one, when it went in a digest.</summary>
    public string? SentWith { get; init; }

    public NotificationStatus Status { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset? ReadAt { get; init; }
    public string? ReadBy { get; init; }

    public static string KeyOf(Guid ticketId, long causeVersion, string recipient, string channel) =>
        $"{ticketId:N}:{causeVersion}:{recipient}:{channel}";
}

/// <summary>The message that sends one stored notification, through Wolverine's durable outbox.</summary>
public sealed record DeliverNotification(string NotificationId);
