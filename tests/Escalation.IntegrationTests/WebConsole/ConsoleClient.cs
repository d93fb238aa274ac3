using System.Net;
using System.Text.RegularExpressions;
using Escalation.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Escalation.IntegrationTests.WebConsole;

/// <summary>The console as a browser without script sees it: cookies kept, redirects not followed, forms posted with their antiforgery token.</summary>
public sealed partial class ConsoleClient
{
    private readonly HttpClient _http;

    private ConsoleClient(HttpClient http) => _http = http;

    public static ConsoleClient For(EscalationApp app) =>
        new(app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public static async Task<ConsoleClient> SignedInAsync(EscalationApp app, string userId)
    {
        var client = For(app);
        var answer = await client.PostFormAsync("/signin", "/signin", new() { ["userId"] = userId });
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    /// <summary>A response read as it comes (a stream of server-sent events), not once it is complete.</summary>
    public Task<HttpResponseMessage> GetStreamingAsync(string path) => _http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);

    /// <summary>Posts a form the way the page at <paramref name="formPage"/> would, with that page's antiforgery token.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, Dictionary<string, string> fields) =>
        await PostFormAsync(action, fields, await FormTokenAsync(formPage));

    /// <summary>The antiforgery token of the forms on the page at <paramref name="formPage"/>.</summary>
    public async Task<string> FormTokenAsync(string formPage)
    {
        var page = await (await _http.GetAsync(formPage)).Content.ReadAsStringAsync();
        return AntiforgeryToken().Match(page).Groups[1].Value;
    }

    /// <summary>Posts a form with an antiforgery token read earlier (<see cref="FormTokenAsync"/>).</summary>
    public Task<HttpResponseMessage> PostFormAsync(string action, Dictionary<string, string> fields, string token)
    {
        fields["__RequestVerificationToken"] = token;
        return _http.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
