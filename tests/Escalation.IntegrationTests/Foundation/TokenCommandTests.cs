using System.Net;
using System.Net.Http.Headers;
using Escalation.IntegrationTests.Infrastructure;

namespace Escalation.IntegrationTests.Foundation;

public sealed class TokenCommandTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    [Fact]
    public async Task the_token_command_prints_last_a_token_the_service_accepts_for_that_user()
    {
        var (exitCode, stdout, _) = await HostProcess.RunWithOutputAsync(
            ["token", "--role", "dispatcher", "--unit", "SC-T01"], ("ConnectionStrings__Escalation", app.ConnectionString));
        var token = stdout.Trim().Split('\n')[^1].Trim();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/tickets");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await app.Client.SendAsync(request);

        exitCode.ShouldBe(0);
        stdout.ShouldContain("disp-SC-T01");
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task the_token_command_issues_a_token_for_a_named_user()
    {
        var (exitCode, stdout, _) = await HostProcess.RunWithOutputAsync(["token", "--user", "aud-02"], ("ConnectionStrings__Escalation", app.ConnectionString));
        var token = stdout.Trim().Split('\n')[^1].Trim();

        exitCode.ShouldBe(0);
        new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).Subject.ShouldBe("aud-02");
    }

    [Fact]
    public async Task an_unknown_role_prints_the_usage_and_fails()
    {
        var (exitCode, _, stderr) = await HostProcess.RunWithOutputAsync(["token", "--role", "mayor"], ("ConnectionStrings__Escalation", app.ConnectionString));

        exitCode.ShouldNotBe(0);
        stderr.ShouldContain("Usage: token --user <id> | token --role");
    }
}
