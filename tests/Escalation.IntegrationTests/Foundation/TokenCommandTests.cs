using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Escalation.IntegrationTests.Infrastructure;

namespace Escalation.IntegrationTests.Foundation;

public sealed class TokenCommandTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    /// <summary>The installation's settings the command is run with: its database, and the service's own required settings.</summary>
    private (string, string)[] Installation =>
        [("ConnectionStrings__Escalation", app.ConnectionString), ("Escalation__Integrity__DigestFolder", Path.Combine(Path.GetTempPath(), "escalation-token-digests"))];

    [Fact]
    public async Task the_token_command_prints_last_a_token_the_service_accepts_for_that_user()
    {
        var (exitCode, stdout, _) = await HostProcess.RunWithOutputAsync(
            ["token", "--role", "dispatcher", "--unit", "SC-T01"], Installation);
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
        var (exitCode, stdout, _) = await HostProcess.RunWithOutputAsync(["token", "--user", "aud-02"], Installation);
        var token = stdout.Trim().Split('\n')[^1].Trim();

        exitCode.ShouldBe(0);
        new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).Subject.ShouldBe("aud-02");
    }

    [Fact]
    public async Task the_token_command_knows_a_user_the_administrator_added_at_runtime()
    {
        var added = await app.ClientFor("admin").PostAsJsonAsync("/api/county/users", new
        {
            id = "op-token-01", nameZh = "周话务", nameEn = "Zhou Operator", role = "operator", unitCode = "SC", why = "新来的话务员",
        });
        await added.ShouldHaveStatusAsync(HttpStatusCode.OK);

        var (exitCode, stdout, _) = await HostProcess.RunWithOutputAsync(["token", "--user", "op-token-01"], Installation);

        exitCode.ShouldBe(0);
        new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(stdout.Trim().Split('\n')[^1].Trim()).Subject.ShouldBe("op-token-01");
    }

    [Fact]
    public async Task an_unknown_role_prints_the_usage_and_fails()
    {
        var (exitCode, _, stderr) = await HostProcess.RunWithOutputAsync(["token", "--role", "mayor"], Installation);

        exitCode.ShouldNotBe(0);
        stderr.ShouldContain("Usage: token --user <id> | token --role");
    }
}
