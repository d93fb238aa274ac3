using System.Globalization;

namespace Escalation.Host.Notifications;

/// <summary>
/// The county's notification settings (<c>Escalation:Notifications</c>): what is notified, what users may not opt out
/// of, the quiet hours, and the channels (SMTP, webhooks, the SMS gateway). A channel without settings is off.
/// Lists are nullable so that configuration replaces a default rather than adding to it.
/// </summary>
public sealed class NotificationSettings
{
    public const string Section = "Escalation:Notifications";

    /// <summary>Kinds the county does not notify at all (a mandatory kind is notified anyway).</summary>
    public NotificationKind[]? Disabled { get; init; }

    /// <summary>Kinds no user may opt out of; default the summons and the red lights.</summary>
    public NotificationKind[]? Mandatory { get; init; }

    /// <summary>Kinds that go at once even in quiet hours on a normal ticket; default the summons (its deadline is hours away at most).</summary>
    public NotificationKind[]? AlwaysImmediate { get; init; }

    /// <summary>Whether citizens get text messages (received, resolved): off unless the county enables it.</summary>
    public bool CitizenNotifications { get; init; }

    /// <summary>When units are not disturbed for a normal ticket, China time, e.g. <c>22:00-08:30</c>; a unit's contact may have its own.</summary>
    public string QuietHours { get; init; } = "22:00-08:30";

    /// <summary>
    /// How long a warning light's e-mail waits for others to the same address, to go as one digest (one mail for a
    /// burst of 40 lights); <c>00:00:00</c> sends each alone. Lights of urgent and emergency tickets never wait.
    /// </summary>
    public TimeSpan DigestWindow { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The waits between attempts to send; after the last, the notification has failed (the dead letters).</summary>
    public TimeSpan[]? Retry { get; init; }

    public SmtpSettings? Smtp { get; init; }

    public WebhookEndpoint[]? Webhooks { get; init; }

    public SmsGateway? Sms { get; init; }

    public IReadOnlyList<NotificationKind> DisabledKinds => Disabled ?? [];

    public IReadOnlyList<NotificationKind> MandatoryKinds => Mandatory ?? [NotificationKind.Summoned, NotificationKind.RedLight, NotificationKind.RedLightAbove];

    public IReadOnlyList<NotificationKind> ImmediateKinds => AlwaysImmediate ?? [NotificationKind.Summoned];

    public IReadOnlyList<TimeSpan> RetryDelays => Retry ??
        [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1)];

    public IReadOnlyList<WebhookEndpoint> WebhookEndpoints => Webhooks ?? [];

    public bool Notifies(NotificationKind kind) => MandatoryKinds.Contains(kind) || !DisabledKinds.Contains(kind);
}

/// <param name="From">The sender's address, e.g. <c>notify@sample-county.gov.cn</c>.</param>
/// <param name="Secure">Whether to use TLS (STARTTLS when the server offers it); off for a relay on the same host.</param>
public sealed record SmtpSettings(string Host, int Port, string From, string? UserName = null, string? Password = null, bool Secure = false);

/// <summary>A receiver of every notification as JSON, signed with its own secret.</summary>
public sealed record WebhookEndpoint(string Name, Uri Url, string Secret)
{
    public string Channel => $"{Channels.Webhook}:{Name}";
}

/// <summary>
/// An HTTP SMS gateway: the messages are posted as JSON (<c>to</c>, <c>text</c>) with basic credentials.
/// <see cref="Templates"/> overrides the Chinese text of a kind, with <c>{ticket}</c>, <c>{recipient}</c> and <c>{deadline}</c>.
/// </summary>
public sealed record SmsGateway(Uri Url, string? UserName = null, string? Password = null, Dictionary<string, string>? Templates = null);

/// <summary>Quiet hours as a window of China time that may run past midnight.</summary>
public sealed record QuietHours(TimeOnly From, TimeOnly To)
{
    private static readonly TimeSpan ChinaTime = TimeSpan.FromHours(8);

    /// <summary><c>22:00-08:30</c>; <c>none</c> (or nothing) means never quiet.</summary>
    public static QuietHours? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim() == "none")
            return null;
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            || !TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
            throw new FormatException($"Quiet hours '{text}' are not written as HH:mm-HH:mm.");
        return new QuietHours(from, to);
    }

    /// <summary>When a message due at <paramref name="at"/> may go: at once outside the window, else at the window's end.</summary>
    public DateTimeOffset NextAllowed(DateTimeOffset at)
    {
        var local = at.ToOffset(ChinaTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var overnight = From > To;
        var quiet = overnight ? time >= From || time < To : time >= From && time < To;
        if (!quiet)
            return at;
        var endDay = overnight && time >= From ? local.Date.AddDays(1) : local.Date;
        return new DateTimeOffset(endDay + To.ToTimeSpan(), ChinaTime);
    }
}
