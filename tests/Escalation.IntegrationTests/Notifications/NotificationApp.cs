using Escalation.IntegrationTests.Infrastructure;

namespace Escalation.IntegrationTests.Notifications;

/// <summary>
/// The real host on the fake clock with every channel set up: e-mail to a real SMTP server, a signed webhook and the
/// SMS gateway to a real HTTP receiver, and citizens' text messages enabled.
/// </summary>
public sealed class NotificationApp : IAsyncLifetime
{
    public const string Secret = "a-webhook-secret-shared-with-the-receiver";

    public SmtpServer Smtp { get; private set; } = null!;
    public Receiver Receiver { get; private set; } = null!;
    public EscalationApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Smtp = await SmtpServer.StartAsync();
        Receiver = await Receiver.StartAsync(Secret);
        App = new EscalationApp { Settings = Channels(Smtp, Receiver) };
        await App.InitializeAsync();
    }

    public static (string, string)[] Channels(SmtpServer? smtp, Receiver receiver) =>
    [
        .. smtp is null ? [] : new[]
        {
            ("Escalation:Notifications:Smtp:Host", "127.0.0.1"),
            ("Escalation:Notifications:Smtp:Port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Escalation:Notifications:Smtp:From", "notify@sample-county.example"),
        },
        ("Escalation:Notifications:Webhooks:0:Name", "ops"),
        ("Escalation:Notifications:Webhooks:0:Url", receiver.Url("/hook").ToString()),
        ("Escalation:Notifications:Webhooks:0:Secret", Secret),
        ("Escalation:Notifications:Sms:Url", receiver.Url("/sms").ToString()),
        ("Escalation:Notifications:Sms:UserName", "county"),
        ("Escalation:Notifications:Sms:Password", "sms-password"),
        ("Escalation:Notifications:CitizenNotifications", "true"),
        ("Escalation:Notifications:BellInterval", "00:00:00.200"),
    ];

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Receiver.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
