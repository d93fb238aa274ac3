using System.Net;
using Escalation.IntegrationTests.Infrastructure;

namespace Escalation.IntegrationTests.ApiTests;

/// <summary>The real host served by Kestrel on a loopback port, for requests an in-memory test server cannot send.</summary>
public sealed class ServedApp : IAsyncLifetime
{
    public EscalationApp App { get; } = new() { Served = true };

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync() => App.DisposeAsync();
}

/// <summary>
/// A NUL (<c>%00</c>) in a request's path is refused by Kestrel while it parses the request line ("The path contains
/// null characters"), before any of the host's code runs: a 400 with an empty body, and the connection closed. No
/// middleware can give it problem details; what the host guarantees is that it is never a 500 and harms nothing.
/// </summary>
public sealed class NullInPathTests(ServedApp served) : IClassFixture<ServedApp>
{
    [Theory]
    [InlineData("GET", "/api/tickets/%00")]
    [InlineData("POST", "/api/tickets/abc%00/accept")]
    [InlineData("POST", "/api/tickets/{ticket}%00/accept")]
    [InlineData("GET", "/inbox%00")]
    public async Task a_nul_in_the_path_is_a_400_from_the_server_and_the_host_answers_the_next_request(string method, string path)
    {
        var app = served.App;
        var ticket = await app.ClientFor("op-01").ReportAsync();
        using var client = new HttpClient { BaseAddress = app.Address };
        client.DefaultRequestHeaders.Authorization = app.ClientFor("disp-SC").DefaultRequestHeaders.Authorization;

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path.Replace("{ticket}", ticket.ToString(), StringComparison.Ordinal)));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync($"/api/tickets/{ticket}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.ClientFor("aud-01").HistoryAsync(ticket)).ShouldBe(["TicketReported"]);
    }
}
