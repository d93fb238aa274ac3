using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Escalation.Host.Auth;
using Escalation.IntegrationTests.Infrastructure;
using Escalation.IntegrationTests.WebConsole;
using Microsoft.Extensions.Time.Testing;

namespace Escalation.IntegrationTests.SignIn;

/// <summary>Passwords, lockout, the forced change, idle sessions and the sign-in log, with demo mode off.</summary>
public sealed class PasswordSignInTests(PasswordApp fixture) : IClassFixture<PasswordApp>
{
    private EscalationApp App => fixture.App;
    private FakeTimeProvider Clock => App.Clock;

    [Fact]
    public async Task a_temporary_password_opens_only_the_page_that_changes_it()
    {
        await fixture.SetTemporaryPasswordAsync("disp-SC-T02", "first-temporary-1");
        var console = ConsoleClient.For(App);

        var signedIn = await PasswordApp.SignInAsync(console, "disp-SC-T02", "first-temporary-1");
        var inbox = await console.GetAsync("/inbox");
        var form = await console.GetAsync("/password");
        var changed = await console.PostFormAsync("/password", "/password",
            new() { ["current"] = "first-temporary-1", ["password"] = "my own passphrase", ["confirm"] = "my own passphrase" });
        var inboxAfter = await console.GetAsync("/inbox");

        signedIn.Headers.Location!.ToString().ShouldBe("/password?returnUrl=%2F");
        inbox.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        inbox.Headers.Location!.ToString().ShouldStartWith("http://localhost/signin");
        (await form.Content.ReadAsStringAsync()).ShouldContain("这是管理员设置的临时密码");
        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        inboxAfter.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Status("disp-SC-T02")).GetProperty("mustChangePassword").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task the_new_password_must_be_long_enough_differ_from_the_old_and_be_typed_twice_alike()
    {
        await fixture.SetTemporaryPasswordAsync("disp-SC-T03", "temporary-pass-3");
        var console = ConsoleClient.For(App);
        await PasswordApp.SignInAsync(console, "disp-SC-T03", "temporary-pass-3");

        var tooShort = await Change(console, "temporary-pass-3", "short", "short");
        var same = await Change(console, "temporary-pass-3", "temporary-pass-3", "temporary-pass-3");
        var mismatch = await Change(console, "temporary-pass-3", "a long new password", "a long new passw0rd");
        var wrongCurrent = await Change(console, "not my password", "a long new password", "a long new password");

        tooShort.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooShort.Content.ReadAsStringAsync()).ShouldContain("新密码至少 10 个字符。");
        (await same.Content.ReadAsStringAsync()).ShouldContain("新密码不能与当前密码相同。");
        (await mismatch.Content.ReadAsStringAsync()).ShouldContain("两次输入的新密码不一致。");
        (await wrongCurrent.Content.ReadAsStringAsync()).ShouldContain("当前密码不正确。");
        (await Status("disp-SC-T03")).GetProperty("mustChangePassword").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task the_configured_failures_lock_the_account_even_against_the_right_password_until_an_administrator_unlocks_it()
    {
        await fixture.UserWithPasswordAsync("disp-SC-T04", "right password 4");
        var console = ConsoleClient.For(App);

        var failures = new List<HttpResponseMessage>();
        for (var i = 0; i < PasswordApp.MaxFailedSignIns; i++)
            failures.Add(await PasswordApp.SignInAsync(console, "disp-SC-T04", "wrong password"));
        var rightButLocked = await PasswordApp.SignInAsync(console, "disp-SC-T04", "right password 4");
        var unlock = await App.ClientFor("admin").PostAsync("/api/admin/accounts/disp-SC-T04/unlock", null);
        var afterUnlock = await PasswordApp.SignInAsync(console, "disp-SC-T04", "right password 4");

        (await failures[0].Content.ReadAsStringAsync()).ShouldContain("用户名或密码不正确。");
        (await failures[^1].Content.ReadAsStringAsync()).ShouldContain("账号已锁定至");
        rightButLocked.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await rightButLocked.Content.ReadAsStringAsync()).ShouldContain("账号已锁定至");
        await unlock.ShouldHaveStatusAsync(HttpStatusCode.OK);
        afterUnlock.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        afterUnlock.Headers.Location!.ToString().ShouldBe("/");
    }

    [Fact]
    public async Task a_lockout_ends_by_itself_after_its_duration()
    {
        await fixture.UserWithPasswordAsync("disp-SC-T05", "right password 5");
        var console = ConsoleClient.For(App);
        for (var i = 0; i < PasswordApp.MaxFailedSignIns; i++)
            await PasswordApp.SignInAsync(console, "disp-SC-T05", "wrong password");

        var stillLocked = await PasswordApp.SignInAsync(console, "disp-SC-T05", "right password 5");
        var lockedUntil = (await Status("disp-SC-T05")).GetProperty("lockedUntil").GetDateTimeOffset();
        Clock.SetUtcNow(lockedUntil + TimeSpan.FromSeconds(1));
        var afterwards = await PasswordApp.SignInAsync(console, "disp-SC-T05", "right password 5");

        stillLocked.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        afterwards.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task outside_demo_mode_the_sign_in_page_offers_no_picker_and_a_user_id_alone_is_refused()
    {
        var console = ConsoleClient.For(App);

        var page = await (await console.GetAsync("/signin")).Content.ReadAsStringAsync();
        var answer = await console.PostFormAsync("/signin", "/signin", new() { ["userId"] = "admin" });
        var inbox = await console.GetAsync("/inbox");

        page.ShouldNotContain("data-testid=\"demo-signin\"");
        page.ShouldNotContain("<select");
        page.ShouldNotContain("data-testid=\"demo-banner\"");
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (answer.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : []).ShouldNotContain(c => c.StartsWith("escalation.console=", StringComparison.Ordinal));
        inbox.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task a_console_session_ends_after_the_idle_time_and_each_request_moves_that_on()
    {
        var console = await fixture.UserWithPasswordAsync("disp-SC-T06", "right password 6");

        Clock.Advance(TimeSpan.FromMinutes(20));
        var after20 = await console.GetAsync("/inbox");
        Clock.Advance(TimeSpan.FromMinutes(20));
        var after40 = await console.GetAsync("/inbox");
        Clock.Advance(PasswordApp.IdleTimeout + TimeSpan.FromMinutes(1));
        var idle = await console.GetAsync("/inbox");

        after20.StatusCode.ShouldBe(HttpStatusCode.OK);
        after40.StatusCode.ShouldBe(HttpStatusCode.OK);
        idle.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        idle.Headers.Location!.ToString().ShouldStartWith("http://localhost/signin");
    }

    [Fact]
    public async Task the_sign_in_log_holds_successes_and_failures_with_their_time_user_and_source_for_administrators_only()
    {
        await fixture.UserWithPasswordAsync("disp-SC-T07", "right password 7");
        var console = ConsoleClient.For(App);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await PasswordApp.SignInAsync(console, "disp-SC-T07", "wrong password");
        Clock.Advance(TimeSpan.FromSeconds(1));
        await PasswordApp.SignInAsync(console, "disp-SC-T07", "right password 7");

        var log = await App.ClientFor("admin").GetFromJsonAsync<JsonElement>("/api/admin/sign-ins?userId=disp-SC-T07", Api.Json);
        var byDispatcher = await App.ClientFor("disp-SC").GetAsync("/api/admin/sign-ins");

        var items = log.GetProperty("items").EnumerateArray().ToList();
        // The temporary password's sign-in and its change came first, at one instant.
        items.Select(i => i.GetProperty("outcome").GetString()).Order().ShouldBe(
            ["password-changed", SignInOutcomes.Succeeded, SignInOutcomes.Succeeded, SignInOutcomes.WrongPassword]);
        items.Select(i => i.GetProperty("outcome").GetString()).Take(2).ShouldBe([SignInOutcomes.Succeeded, SignInOutcomes.WrongPassword]);
        items.ShouldAllBe(i => i.GetProperty("userId").GetString() == "disp-SC-T07" && i.GetProperty("method").GetString() == SignInMethods.Password);
        items[0].GetProperty("at").GetDateTimeOffset().ShouldBe(Clock.GetUtcNow());
        items[0].TryGetProperty("source", out _).ShouldBeTrue();
        await byDispatcher.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task an_unknown_user_and_a_wrong_password_read_alike_but_the_log_tells_them_apart()
    {
        var console = ConsoleClient.For(App);

        var unknown = await PasswordApp.SignInAsync(console, "nobody-here", "some password");
        var noAccount = await PasswordApp.SignInAsync(console, "disp-SC-T08", "some password");

        (await unknown.Content.ReadAsStringAsync()).ShouldContain("用户名或密码不正确。");
        (await noAccount.Content.ReadAsStringAsync()).ShouldContain("用户名或密码不正确。");
        var log = await App.ClientFor("admin").GetFromJsonAsync<JsonElement>("/api/admin/sign-ins?userId=nobody-here", Api.Json);
        log.GetProperty("items")[0].GetProperty("outcome").GetString().ShouldBe(SignInOutcomes.UnknownUser);
    }

    [Theory]
    [InlineData("no-such-user", "a long enough one", "userId")]
    [InlineData("disp-SC-T09", "short", "password")]
    [InlineData("disp-SC-T09", "", "password")]
    public async Task a_temporary_password_is_refused_for_no_user_of_the_county_or_when_too_short(string userId, string password, string field)
    {
        var answer = await App.ClientFor("admin").PostAsJsonAsync($"/api/admin/accounts/{userId}/temporary-password", new { password });

        await answer.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task only_an_administrator_sets_passwords_and_unlocks()
    {
        var set = await App.ClientFor("disp-SC").PostAsJsonAsync("/api/admin/accounts/op-01/temporary-password", new { password = "a long enough one" });
        var unlock = await App.ClientFor("aud-01").PostAsync("/api/admin/accounts/op-01/unlock", null);

        await set.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
        await unlock.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
    }

    private static Task<HttpResponseMessage> Change(ConsoleClient console, string current, string password, string confirm) =>
        console.PostFormAsync("/password", "/password", new() { ["current"] = current, ["password"] = password, ["confirm"] = confirm });

    private async Task<JsonElement> Status(string userId) =>
        await App.ClientFor("admin").GetFromJsonAsync<JsonElement>($"/api/admin/accounts/{userId}", Api.Json);
}
