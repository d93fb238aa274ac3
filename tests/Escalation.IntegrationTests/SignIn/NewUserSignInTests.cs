using System.Net;
using System.Net.Http.Json;
using Escalation.IntegrationTests.Infrastructure;
using Escalation.IntegrationTests.WebConsole;

namespace Escalation.IntegrationTests.SignIn;

/// <summary>
/// Issue 14's story with demo mode off: a grid worker the administrator adds at runtime, in a village added at runtime,
/// signs in with a password and opens a ticket there without a restart; once disabled, the password opens nothing.
/// </summary>
public sealed class NewUserSignInTests(PasswordApp fixture) : IClassFixture<PasswordApp>
{
    private EscalationApp App => fixture.App;

    [Fact]
    public async Task a_grid_worker_added_at_runtime_signs_in_with_a_password_opens_a_ticket_in_a_new_village_and_is_refused_once_disabled()
    {
        var admin = App.ClientFor("admin");
        await (await admin.PostAsJsonAsync("/api/county/units", new
        {
            code = "SC-T04-V91", nameZh = "新建村", nameEn = "Newbuilt Village", kind = "village", parentCode = "SC-T04", why = "新设行政村",
        })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await admin.PostAsJsonAsync("/api/county/users", new
        {
            id = "gw-SC-T04-V91", nameZh = "钱网格", nameEn = "Qian Grid", role = "dispatcher", unitCode = "SC-T04-V91", why = "新村的网格员",
        })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var worker = await fixture.UserWithPasswordAsync("gw-SC-T04-V91", "a grid worker's own passphrase");
        var opened = await worker.PostFormAsync("/intake", "/intake", new()
        {
            ["Form.Key"] = Guid.NewGuid().ToString("N"), ["Form.Channel"] = "grid-worker", ["Form.Urgency"] = "normal",
            ["Form.CitizenName"] = "孙大爷", ["Form.CitizenPhone"] = "13912345670", ["Form.Place"] = "SC-T04-V91", ["Form.Address"] = "新建村二组",
            ["Form.Category"] = "M-LE-01", ["Form.Description"] = "路口占道经营",
        });
        opened.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var ticket = Guid.Parse(opened.Headers.Location!.OriginalString.Split("created=")[1]);
        var view = await admin.TicketAsync(ticket);
        view.GetProperty("villageCode").GetString().ShouldBe("SC-T04-V91");
        view.GetProperty("reportedBy").GetString().ShouldBe("gw-SC-T04-V91");

        await (await admin.PostAsJsonAsync("/api/county/users/gw-SC-T04-V91/disable", new { why = "调离" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var again = await PasswordApp.SignInAsync(ConsoleClient.For(App), "gw-SC-T04-V91", "a grid worker's own passphrase");

        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await again.Content.ReadAsStringAsync()).ShouldContain("用户名或密码不正确。");
    }
}
