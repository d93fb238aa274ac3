using System.Net;
using System.Net.Http.Json;
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
/// A NUL (<c>%00</c>) in a request's path is refused by Kestrel while it parses the request line, before any middleware
/// runs, with an empty 400. The host's connection middleware (<c>NulInPath</c>) sees each request line first and has such
/// a request answered with problem details naming the path, whether it opens a connection or follows others on it.
/// </summary>
public sealed class NullInPathTests(ServedApp served) : IClassFixture<ServedApp>
{
    [Theory]
    [InlineData("GET", "/api/tickets/%00")]
    [InlineData("POST", "/api/tickets/abc%00/accept")]
    [InlineData("POST", "/api/tickets/{ticket}%00/accept")]
    [InlineData("GET", "/inbox%00?page=1")]
    public async Task a_nul_in_the_path_is_a_400_with_problem_details_and_the_host_answers_the_next_request(string method, string path)
    {
        var app = served.App;
        var ticket = await app.ClientFor("op-01").ReportAsync();
        using var client = ServedClient(app);

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path.Replace("{ticket}", ticket.ToString(), StringComparison.Ordinal)));

        await ShouldNamePathAsync(response);
        (await client.GetAsync($"/api/tickets/{ticket}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.ClientFor("aud-01").HistoryAsync(ticket)).ShouldBe(["TicketReported"]);
    }

    [Fact]
    public async Task a_nul_in_the_path_of_a_later_request_on_a_kept_alive_connection_is_answered_the_same()
    {
        var app = served.App;
        var ticket = await app.ClientFor("op-01").ReportAsync();
        using var client = ServedClient(app);
        (await client.GetAsync($"/api/tickets/{ticket}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var read = await client.PostAsync($"/api/tickets/{ticket}/progress", JsonContent.Create(new { note = "一个有内容的请求" }));
        ((int)read.StatusCode).ShouldBeLessThan(500);

        await ShouldNamePathAsync(await client.PostAsync($"/api/tickets/{ticket}%00/progress", JsonContent.Create(new { note = "x" })));
    }

    [Fact]
    public async Task a_nul_in_the_path_after_a_request_whose_body_no_endpoint_read_is_answered_the_same()
    {
        var app = served.App;
        using var anonymous = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = app.Address };
        var unread = await anonymous.PostAsync("/api/tickets", JsonContent.Create(new { description = new string('长', 2000) }));
        unread.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        await ShouldNamePathAsync(await anonymous.GetAsync("/api/tickets/%00"));
    }

    [Fact]
    public async Task pipelined_requests_are_each_answered_and_only_the_one_with_a_nul_is_refused()
    {
        var app = served.App;
        var ticket = await app.ClientFor("op-01").ReportAsync();
        var authorization = app.ClientFor("disp-SC").DefaultRequestHeaders.Authorization!.ToString();
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(app.Address.Host, app.Address.Port);
        var stream = tcp.GetStream();
        var host = $"Host: {app.Address.Authority}\r\nAuthorization: {authorization}\r\n";
        // Both requests in one write: the second line arrives in the same read as the end of the first request.
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(
            $"GET /api/tickets/{ticket} HTTP/1.1\r\n{host}\r\nGET /api/tickets/%00 HTTP/1.1\r\n{host}\r\n"));

        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        var answers = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var statusLines = answers.Split("\r\n").Where(l => l.StartsWith("HTTP/1.1 ", StringComparison.Ordinal)).ToList();
        statusLines.ShouldBe(["HTTP/1.1 200 OK", "HTTP/1.1 400 Bad Request"]);
        answers.ShouldContain("\"path\"");
    }

    private static HttpClient ServedClient(EscalationApp app)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = app.Address };
        client.DefaultRequestHeaders.Authorization = app.ClientFor("disp-SC").DefaultRequestHeaders.Authorization;
        return client;
    }

    private static async Task ShouldNamePathAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (response.Content.Headers.ContentType?.MediaType).ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["path"]);
    }
}
