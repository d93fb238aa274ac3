using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Escalation.IntegrationTests.Infrastructure;

namespace Escalation.IntegrationTests.SignIn;

/// <summary>The API with single sign-on configured: the provider's access tokens as well as the host's own.</summary>
[Collection("Chromium")]
public sealed class SingleSignOnTests(SingleSignOnFixture fixture) : IClassFixture<SingleSignOnFixture>
{
    [Fact]
    public async Task an_integration_with_client_credentials_acts_as_the_county_user_its_client_is_mapped_to()
    {
        var token = await fixture.Provider.ClientCredentialsTokenAsync(TestIdentityProvider.PlatformClientId);
        var platform = Client(token);

        var id = await platform.ReportAsync();
        var history = await platform.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}/history", Api.Json);

        history[0].GetProperty("by").GetProperty("userId").GetString().ShouldBe("op-01");
    }

    [Fact]
    public async Task a_provider_token_of_a_client_mapped_to_no_user_is_refused()
    {
        var token = await fixture.Provider.ClientCredentialsTokenAsync(TestIdentityProvider.UnmappedClientId);

        var answer = await Client(token).GetAsync("/api/tickets");

        answer.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task the_hosts_own_tokens_are_still_accepted_beside_the_providers()
    {
        var answer = await fixture.App.ClientFor("disp-SC").GetAsync("/api/tickets");

        await answer.ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    private HttpClient Client(string token)
    {
        var client = fixture.App.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
