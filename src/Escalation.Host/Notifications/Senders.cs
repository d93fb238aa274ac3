using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Escalation.Host.Api;
using MailKit.Net.Smtp;
using MailKit.Security;
using Marten;
using MimeKit;

namespace Escalation.Host.Notifications;

/// <summary>A failure that no retry can mend (no address, no such endpoint): the notification fails at once.</summary>
public sealed class UndeliverableException(string message) : Exception(message);

/// <summary>Sends one notification by its channel. Each message carries the notification's id, its idempotency key, for receivers to drop a repeat.</summary>
public sealed class NotificationSenders(NotificationSettings settings, IHttpClientFactory http)
{
    public const string HttpClientName = "notifications";
    public const string SignatureHeader = "X-Escalation-Signature";
    public const string IdHeader = "X-Escalation-Notification-Id";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public Task SendAsync(IQuerySession session, Notification notification, CancellationToken ct) => Channels.Family(notification.Channel) switch
    {
        Channels.Email => MailAsync([notification], ct),
        Channels.Webhook => WebhookAsync(notification, ct),
        Channels.Sms => TextAsync(session, notification, ct),
        _ => throw new UndeliverableException($"There is no channel {notification.Channel}."),
    };

    /// <summary>The webhook's body: the notification without its delivery state.</summary>
    public static byte[] WebhookBody(Notification n) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        n.Id, n.Kind, n.TicketId, n.CauseEvent, n.CauseVersion, n.Recipient, n.Language, n.Subject, n.Text, n.Urgency, n.Deadline, n.CreatedAt,
    }, Json);

    /// <summary><c>sha256=</c> and the lowercase hex HMAC-SHA256 of the body under the endpoint's secret.</summary>
    public static string Signature(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>One mail for one notification, or a digest of several to the same address (its first notification names it).</summary>
    public async Task MailAsync(IReadOnlyList<Notification> batch, CancellationToken ct)
    {
        var smtp = settings.Smtp ?? throw new UndeliverableException("E-mail is not set up (Escalation:Notifications:Smtp).");
        var n = batch[0];
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(n.Address ?? throw new UndeliverableException("The recipient has no e-mail address.")));
        message.Subject = batch.Count == 1 ? n.Subject : NotificationTexts.DigestSubject(batch.Count, n.Language == "en");
        // The same notification always has the same Message-Id: a mail sent again after a crash is recognisably the same.
        message.MessageId = $"{n.Id.Replace(':', '.')}@escalation";
        message.Headers.Add(IdHeader, n.Id);
        var body = new TextPart("plain");
        body.SetText(Encoding.UTF8, string.Join("\n", batch.Select(b => b.Text)));
        message.Body = body;

        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Secure ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None, ct);
        if (!string.IsNullOrEmpty(smtp.UserName))
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }

    private async Task WebhookAsync(Notification n, CancellationToken ct)
    {
        var endpoint = settings.WebhookEndpoints.FirstOrDefault(e => e.Channel == n.Channel)
            ?? throw new UndeliverableException($"There is no webhook {n.Channel} in the settings any more.");
        var body = WebhookBody(n);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(SignatureHeader, Signature(endpoint.Secret, body));
        request.Headers.Add(IdHeader, n.Id);
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A text message through the gateway; the citizen's phone is read now, from the record erasure deletes.</summary>
    private async Task TextAsync(IQuerySession session, Notification n, CancellationToken ct)
    {
        var gateway = settings.Sms ?? throw new UndeliverableException("Text messages are not set up (Escalation:Notifications:Sms).");
        var phone = n.Recipient == Recipients.Citizen
            ? (await session.LoadAsync<CitizenContact>(n.TicketId, ct))?.Phone
            : n.Address;
        if (string.IsNullOrWhiteSpace(phone))
            throw new UndeliverableException("There is no phone number to send to.");
        using var request = new HttpRequestMessage(HttpMethod.Post, gateway.Url)
        {
            Content = JsonContent.Create(new { to = phone, text = n.Text, id = n.Id }),
        };
        if (!string.IsNullOrEmpty(gateway.UserName))
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{gateway.UserName}:{gateway.Password}")));
        request.Headers.Add(IdHeader, n.Id);
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
    }
}
