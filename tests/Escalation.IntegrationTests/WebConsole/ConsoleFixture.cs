using Escalation.IntegrationTests.Infrastructure;

namespace Escalation.IntegrationTests.WebConsole;

/// <summary>The real host served on a loopback port, on the fake clock, and a real Chromium to drive it.</summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public EscalationApp App { get; } = new() { Served = true };

    public Browser Browser { get; } = new();

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        await Browser.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await App.DisposeAsync();
    }
}
