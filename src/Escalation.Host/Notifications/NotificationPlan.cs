using Escalation.Domain.Intake;
using Escalation.Domain.Reference;

namespace Escalation.Host.Notifications;

/// <summary>
/// Turns a notice into the notifications that carry it, one per channel: the console for every unit and department;
/// e-mail and text message where its contact has an address and the channel is set up; every webhook; a text message
/// to the citizen only when the county enables it. Pure: the county's settings and contacts are its inputs.
/// </summary>
public static class NotificationPlan
{
    public static IEnumerable<Notification> For(Notice notice, NotificationSettings settings, NotificationContacts contacts, ReferenceData reference)
    {
        if (!settings.Notifies(notice.Kind))
            yield break;
        if (notice.Recipient == Recipients.Citizen)
        {
            if (settings.CitizenNotifications && settings.Sms is not null)
                yield return Make(notice, Channels.Sms, null, english: false, reference, settings, DefaultQuiet(settings));
            yield break;
        }

        var contact = contacts.For(notice.Recipient);
        var quiet = contact.QuietHours is not null ? QuietHours.Parse(contact.QuietHours) : DefaultQuiet(settings);
        yield return Make(notice, Channels.Console, null, contact.English, reference, settings, quiet: null);
        if (settings.Smtp is not null && !string.IsNullOrWhiteSpace(contact.Email))
            yield return Make(notice, Channels.Email, contact.Email, contact.English, reference, settings, quiet);
        if (settings.Sms is not null && !string.IsNullOrWhiteSpace(contact.Phone))
            yield return Make(notice, Channels.Sms, contact.Phone, contact.English, reference, settings, quiet);
        foreach (var endpoint in settings.WebhookEndpoints)
            yield return Make(notice, endpoint.Channel, null, contact.English, reference, settings, quiet);
    }

    /// <summary>
    /// Quiet hours hold back a normal ticket's notice until they end; an urgent or emergency ticket's, and the kinds
    /// the county sends at once (the summons), go now.
    /// </summary>
    public static DateTimeOffset NotBefore(Notice notice, NotificationSettings settings, QuietHours? quiet) =>
        quiet is null || notice.Urgency != Urgency.Normal || settings.ImmediateKinds.Contains(notice.Kind) ? notice.At : quiet.NextAllowed(notice.At);

    /// <summary>The warning lights of a normal ticket gather into a digest mail.</summary>
    public static bool Digests(Notice notice, string channel, NotificationSettings settings) =>
        channel == Channels.Email && settings.DigestWindow > TimeSpan.Zero && notice.Urgency == Urgency.Normal
        && notice.Kind is NotificationKind.YellowLight or NotificationKind.RedLight or NotificationKind.RedLightAbove;

    private static QuietHours? DefaultQuiet(NotificationSettings settings) => QuietHours.Parse(settings.QuietHours);

    private static Notification Make(
        Notice notice, string channel, string? address, bool english, ReferenceData reference, NotificationSettings settings, QuietHours? quiet)
    {
        var template = channel == Channels.Sms && settings.Sms?.Templates?.TryGetValue(notice.Kind.ToString(), out var own) == true ? own : null;
        var text = NotificationTexts.Body(notice, english, reference, template);
        var digest = Digests(notice, channel, settings);
        var notBefore = NotBefore(notice, settings, quiet);
        return new Notification
        {
            Id = Notification.KeyOf(notice.TicketId, notice.CauseVersion, notice.Recipient, channel),
            TicketId = notice.TicketId,
            CauseVersion = notice.CauseVersion,
            CauseEvent = notice.CauseEvent,
            Kind = notice.Kind,
            Recipient = notice.Recipient,
            Channel = channel,
            Address = address,
            Language = english ? "en" : "zh",
            Subject = NotificationTexts.Subject(notice.Kind, english),
            Text = channel == Channels.Sms ? TextMessage.Fit(text) : text,
            Urgency = notice.Urgency,
            Deadline = notice.Deadline,
            CreatedAt = notice.At,
            NotBefore = digest && notBefore < notice.At + settings.DigestWindow ? notice.At + settings.DigestWindow : notBefore,
            Digest = digest,
            // The console's entry is delivered as it is stored: it is in the bell from the commit on.
            Status = channel == Channels.Console ? NotificationStatus.Sent : NotificationStatus.Queued,
            SentAt = channel == Channels.Console ? notice.At : null,
        };
    }
}

/// <summary>One text message: 70 characters when any is outside GSM's 7-bit alphabet (Chinese is), else 160.</summary>
public static class TextMessage
{
    public const int UnicodeLength = 70;
    public const int GsmLength = 160;

    public static string Fit(string text)
    {
        var limit = text.All(c => c < 128) ? GsmLength : UnicodeLength;
        return text.Length <= limit ? text : string.Concat(text.AsSpan(0, limit - 1), "…");
    }
}
