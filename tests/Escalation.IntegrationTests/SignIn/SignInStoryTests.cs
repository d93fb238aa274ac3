using System.Net;
using System.Net.Http.Json;
using Escalation.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Escalation.IntegrationTests.SignIn;

/// <summary>
/// Signing in as a county does, in Chromium, with demo mode off: a temporary password and its forced change, the lockout
/// after the configured failures, and single sign-on through the county's provider; every page under the content
/// security policy with no violation, the bulletin's print button included.
/// </summary>
[Trait("Category", "Browser")]
[Collection("Chromium")]
public sealed class SignInStoryTests(SingleSignOnFixture fixture) : IClassFixture<SingleSignOnFixture>
{
    private readonly List<string> _violations = [];

    [Fact]
    public async Task a_password_its_change_the_lockout_and_single_sign_on()
    {
        // The administrator gives a township dispatcher a temporary password.
        var set = await fixture.App.ClientFor("admin")
            .PostAsJsonAsync("/api/admin/accounts/disp-SC-T10/temporary-password", new { password = "temporary-password-10" });
        await set.ShouldHaveStatusAsync(HttpStatusCode.OK);

        // No picker outside demo mode: a user id and a password, or single sign-on.
        var page = await NewPageAsync();
        await page.GotoAsync("/");
        page.Url.ShouldContain("/signin");
        (await page.Locator("select").CountAsync()).ShouldBe(0);
        (await page.Locator("[data-testid=demo-banner]").CountAsync()).ShouldBe(0);
        await Browser.ScreenshotAsync(page, "signin-01-no-picker");

        // The temporary password leads to the password page first; the new one opens the console.
        await SignInWithPasswordAsync(page, "disp-SC-T10", "temporary-password-10");
        page.Url.ShouldContain("/password");
        await page.FillAsync("#current", "temporary-password-10");
        await page.FillAsync("#password", "my own passphrase 10");
        await page.FillAsync("#confirm", "my own passphrase 10");
        await Browser.ScreenshotAsync(page, "signin-02-forced-change");
        await page.ClickAsync("[data-testid=change-password] button.primary");
        await page.Locator("[data-testid=who]").WaitForAsync();
        (await page.TextContentAsync("main"))!.ShouldContain("密码已修改。");

        // The bulletin's print button works under the policy (its handler is in console.js, not inline).
        await page.GotoAsync("/bulletin");
        await page.ClickAsync("[data-print]");
        (await page.EvaluateAsync<bool>("window.printed === true")).ShouldBeTrue();
        await page.GotoAsync("/board");
        await page.ClickAsync("header form button:has-text('退出')");

        // Wrong passwords lock the account: then even the right one is refused.
        for (var i = 0; i < PasswordApp.MaxFailedSignIns; i++)
            await SignInWithPasswordAsync(page, "disp-SC-T10", "not my password");
        (await page.TextContentAsync("[data-testid=signin-error]"))!.ShouldContain("账号已锁定至");
        await SignInWithPasswordAsync(page, "disp-SC-T10", "my own passphrase 10");
        (await page.TextContentAsync("[data-testid=signin-error]"))!.ShouldContain("账号已锁定至");
        await Browser.ScreenshotAsync(page, "signin-03-locked");

        // Single sign-on: the county's provider signs a village dispatcher in.
        var sso = await NewPageAsync();
        await sso.GotoAsync("/signin");
        // The host's first challenge reads the provider's metadata and keys: slow on two loaded cores.
        await sso.ClickAsync("[data-testid=sso]", new() { Timeout = 90_000 });
        await sso.Locator("#login").WaitForAsync();
        sso.Url.ShouldStartWith(fixture.Provider.Address.ToString());
        await sso.FillAsync("#login", "disp-SC-T01-V02");
        await sso.ClickAsync("#provider-submit", new() { Timeout = 90_000 });
        await sso.Locator("[data-testid=who]").WaitForAsync();
        sso.Url.ShouldStartWith(fixture.App.Address.ToString());
        (await sso.TextContentAsync("[data-testid=who]"))!.ShouldContain("调度员");
        await Browser.ScreenshotAsync(sso, "signin-04-single-sign-on");

        // A person the provider knows but the county does not is turned back.
        var stranger = await NewPageAsync();
        await stranger.GotoAsync("/signin");
        await stranger.ClickAsync("[data-testid=sso]");
        await stranger.FillAsync("#login", "somebody-else");
        await stranger.ClickAsync("#provider-submit");
        await stranger.Locator("[data-testid=signin-error]").WaitForAsync();
        (await stranger.TextContentAsync("[data-testid=signin-error]"))!.ShouldContain("统一身份认证未能登录");

        _violations.ShouldBeEmpty();
    }

    private async Task<IPage> NewPageAsync()
    {
        var page = await fixture.Browser.NewPageAsync(fixture.App.Address);
        // Content security policy violations reported by the page; window.print replaced, as a headless print would block.
        await page.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));" +
            "window.print = () => { window.printed = true; };");
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("CSP violation", StringComparison.Ordinal) || message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                _violations.Add($"{page.Url}: {message.Text}");
        };
        return page;
    }

    private static async Task SignInWithPasswordAsync(IPage page, string userId, string password)
    {
        if (!page.Url.Contains("/signin", StringComparison.Ordinal))
            await page.GotoAsync("/signin");
        await page.FillAsync("#signin-user", userId);
        await page.FillAsync("#signin-password", password);
        await page.ClickAsync("[data-testid=password-signin] button.primary");
        await page.WaitForLoadStateAsync();
    }
}
