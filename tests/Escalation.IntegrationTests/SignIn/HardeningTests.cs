using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Escalation.Domain.Reference;
using Escalation.Host.Auth;
using Escalation.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Escalation.IntegrationTests.SignIn;

/// <summary>Security headers on every answer, tokens' clock skew, the installation's own keys, allowed hosts, cookies behind HTTPS.</summary>
public sealed partial class HardeningTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    [Fact]
    public async Task every_route_answers_with_the_security_headers_signed_in_or_not()
    {
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (Method: method, Path: "/" + RouteParameter().Replace(e.RoutePattern.RawText!.TrimStart('/'), Guid.NewGuid().ToString()))))
            .Distinct().ToList();
        var anonymous = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var withToken = app.ClientFor("admin");
        var console = await RawConsoleSignInAsync(app, "admin");
        var answers = new List<(string Route, HttpResponseMessage Answer)>();

        foreach (var (method, path) in routes.Append(("GET", "/no/such/page")).Append(("GET", "/api/no-such-route")))
        {
            foreach (var (client, cookie) in new[] { (anonymous, (string?)null), (withToken, null), (anonymous, console) })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method != "GET")
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                if (cookie is not null)
                    request.Headers.Add("Cookie", cookie);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                answers.Add(($"{method} {path}", await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token)));
            }
        }

        routes.Count.ShouldBeGreaterThan(40);
        answers.Where(a => !HasSecurityHeaders(a.Answer)).Select(a => $"{a.Route} → {(int)a.Answer.StatusCode}").ShouldBeEmpty();
        answers.Select(a => a.Answer.StatusCode).Distinct().Count().ShouldBeGreaterThan(3);
        foreach (var (_, answer) in answers)
            answer.Dispose();
    }

    [Fact]
    public async Task a_token_61_seconds_past_its_expiry_is_refused_and_one_20_seconds_past_it_is_within_the_clock_skew()
    {
        var user = app.Services.GetRequiredService<ReferenceData>().FindUser("disp-SC")!;
        var issuer = app.Services.GetRequiredService<TokenIssuer>();

        var expired = await GetAsync(issuer.IssueFor(user, DateTime.UtcNow - TokenIssuer.Lifetime - TimeSpan.FromSeconds(61)));
        var withinSkew = await GetAsync(issuer.IssueFor(user, DateTime.UtcNow - TokenIssuer.Lifetime - TimeSpan.FromSeconds(20)));

        expired.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        withinSkew.StatusCode.ShouldBe(HttpStatusCode.OK);
        AuthSettings.ClockSkew.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task another_installation_accepts_neither_this_ones_tokens_nor_its_console_cookies()
    {
        await using var other = new EscalationApp();
        await other.InitializeAsync();
        var user = other.Services.GetRequiredService<ReferenceData>().FindUser("disp-SC")!;
        var othersToken = other.Services.GetRequiredService<TokenIssuer>().IssueFor(user);
        var othersCookie = await RawConsoleSignInAsync(other, "disp-SC");

        var tokenHere = await GetAsync(othersToken);
        var tokenThere = await GetAsync(othersToken, other);
        var cookieHere = await GetPageAsync(app, othersCookie);
        var cookieThere = await GetPageAsync(other, othersCookie);

        tokenHere.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        tokenThere.StatusCode.ShouldBe(HttpStatusCode.OK);
        cookieHere.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        cookieThere.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task the_signing_key_and_the_data_protection_keys_are_kept_in_the_installations_database()
    {
        await RawConsoleSignInAsync(app, "op-01");
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var keys = new NpgsqlCommand(
            "select (select count(*) from escalation.installation_secret where name = 'token-signing-key'), (select count(*) from escalation.data_protection_key)", connection);
        await using var reader = await keys.ExecuteReaderAsync();
        await reader.ReadAsync();

        reader.GetInt64(0).ShouldBe(1);
        reader.GetInt64(1).ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task with_a_configured_signing_key_the_data_protection_keys_are_still_kept_in_the_installations_database()
    {
        await using var configured = new EscalationApp { Settings = [(SigningKey.Setting, new string('k', 32))] };
        await configured.InitializeAsync();

        await RawConsoleSignInAsync(configured, "op-01");

        await using var connection = new NpgsqlConnection(configured.ConnectionString);
        await connection.OpenAsync();
        await using var keys = new NpgsqlCommand("select count(*) from escalation.data_protection_key", connection);
        ((long)(await keys.ExecuteScalarAsync())!).ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task a_request_for_a_host_name_not_allowed_is_refused()
    {
        var client = app.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Host = "escalation.attacker.example";

        var answer = await client.SendAsync(request);

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task behind_a_proxy_speaking_https_the_console_cookies_are_secure_and_over_plain_http_they_are_not()
    {
        var overHttps = await SetCookiesOfSignInAsync(app, forwardedProto: "https");
        var overHttp = await SetCookiesOfSignInAsync(app, forwardedProto: null);

        overHttps.ShouldContain(c => c.StartsWith("escalation.console=", StringComparison.Ordinal));
        overHttps.ShouldAllBe(c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        overHttp.ShouldContain(c => c.StartsWith("escalation.console=", StringComparison.Ordinal));
        overHttp.ShouldAllBe(c => !c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task demo_mode_says_so_on_every_page()
    {
        var page = await GetPageAsync(app, await RawConsoleSignInAsync(app, "disp-SC"));
        var signIn = await app.Factory.CreateClient().GetStringAsync("/signin");

        (await page.Content.ReadAsStringAsync()).ShouldContain("data-testid=\"demo-banner\"");
        signIn.ShouldContain("演示模式");
        signIn.ShouldContain("data-testid=\"demo-signin\"");
    }

    private static bool HasSecurityHeaders(HttpResponseMessage answer) =>
        answer.Headers.TryGetValues("Content-Security-Policy", out var csp) && csp.Single().Contains("frame-ancestors 'none'", StringComparison.Ordinal)
        && answer.Headers.TryGetValues("X-Content-Type-Options", out var sniff) && sniff.Single() == "nosniff"
        && answer.Headers.TryGetValues("Referrer-Policy", out var referrer) && referrer.Single() == "same-origin";

    private async Task<HttpResponseMessage> GetAsync(string token, EscalationApp? on = null)
    {
        var client = (on ?? app).Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync("/api/tickets");
    }

    private static Task<HttpResponseMessage> GetPageAsync(EscalationApp on, string cookie)
    {
        var client = on.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/inbox");
        request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request);
    }

    /// <summary>Signs in with the demo picker by hand, cookies as headers: returns the Cookie header a browser would then send.</summary>
    private static async Task<string> RawConsoleSignInAsync(EscalationApp on, string userId)
    {
        var cookies = await SetCookiesOfSignInAsync(on, null, userId);
        return string.Join("; ", cookies.Select(c => c.Split(';')[0]));
    }

    private static async Task<IReadOnlyList<string>> SetCookiesOfSignInAsync(EscalationApp on, string? forwardedProto, string userId = "op-02")
    {
        var client = on.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var form = new HttpRequestMessage(HttpMethod.Get, "/signin");
        if (forwardedProto is not null)
            form.Headers.Add("X-Forwarded-Proto", forwardedProto);
        var shown = await client.SendAsync(form);
        var antiforgery = shown.Headers.GetValues("Set-Cookie").ToList();
        var token = AntiforgeryToken().Match(await shown.Content.ReadAsStringAsync()).Groups[1].Value;

        using var post = new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["userId"] = userId, ["__RequestVerificationToken"] = token }),
        };
        post.Headers.Add("Cookie", string.Join("; ", antiforgery.Select(c => c.Split(';')[0])));
        if (forwardedProto is not null)
            post.Headers.Add("X-Forwarded-Proto", forwardedProto);
        var signedIn = await client.SendAsync(post);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return [.. antiforgery, .. signedIn.Headers.GetValues("Set-Cookie")];
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
