using System.Net;
using System.Net.Http.Json;
using Escalation.IntegrationTests.Infrastructure;
using Escalation.IntegrationTests.WebConsole;

namespace Escalation.IntegrationTests.SignIn;

/// <summary>The real host as a county runs it: demo mode off, three wrong passwords lock an account, 30 minutes idle end a session.</summary>
public sealed class PasswordApp : IAsyncLifetime
{
    public const int MaxFailedSignIns = 3;
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    public EscalationApp App { get; } = new()
    {
        Settings =
        [
            ("Escalation:Auth:DemoMode", "false"), ("Escalation:Auth:MaxFailedSignIns", $"{MaxFailedSignIns}"),
            ("Escalation:Auth:IdleTimeout", IdleTimeout.ToString()), ("Escalation:Auth:LockoutDuration", "00:15:00"),
        ],
    };

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync() => App.DisposeAsync();

    /// <summary>An administrator gives the user a temporary password through the API.</summary>
    public async Task SetTemporaryPasswordAsync(string userId, string password)
    {
        var answer = await App.ClientFor("admin").PostAsJsonAsync($"/api/admin/accounts/{userId}/temporary-password", new { password });
        await answer.ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    /// <summary>A user with a password of their own: a temporary one, changed at the first sign-in.</summary>
    public async Task<ConsoleClient> UserWithPasswordAsync(string userId, string password)
    {
        await SetTemporaryPasswordAsync(userId, "temporary-" + password);
        var console = ConsoleClient.For(App);
        (await SignInAsync(console, userId, "temporary-" + password)).Headers.Location!.ToString().ShouldStartWith("/password");
        var changed = await console.PostFormAsync("/password", "/password",
            new() { ["current"] = "temporary-" + password, ["password"] = password, ["confirm"] = password });
        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return console;
    }

    public static Task<HttpResponseMessage> SignInAsync(ConsoleClient console, string userId, string password) =>
        console.PostFormAsync("/signin", "/signin", new() { ["userId"] = userId, ["password"] = password });
}
