using Escalation.IntegrationTests.Infrastructure;

namespace Escalation.IntegrationTests.SignIn;

/// <summary>
/// The county's identity provider (<see cref="TestIdentityProvider"/>) and the real host, served on loopback ports of
/// their own, with single sign-on configured and demo mode off, and a real Chromium to drive them.
/// </summary>
public sealed class SingleSignOnFixture : IAsyncLifetime
{
    public TestIdentityProvider Provider { get; } = new();

    public EscalationApp App { get; private set; } = null!;

    public Browser Browser { get; } = new();

    public async Task InitializeAsync()
    {
        await Provider.InitializeAsync();
        App = new EscalationApp
        {
            Served = true,
            Settings = [.. Provider.HostSettings, ("Escalation:Auth:DemoMode", "false"), ("Escalation:Auth:MaxFailedSignIns", $"{PasswordApp.MaxFailedSignIns}")],
        };
        await App.InitializeAsync();
        await Browser.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await App.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
