using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Escalation.IntegrationTests.SignIn;

/// <summary>
/// A county's identity provider for the tests: a real OpenID Connect server (OpenIddict) in this process, on a loopback
/// port of its own, over plain HTTP. Its login page asks only for a user name (the provider's own proof of the person is
/// not what is tested). One console client (authorization code with PKCE) and one integration (client credentials).
/// </summary>
public sealed class TestIdentityProvider : IAsyncLifetime
{
    public const string ConsoleClientId = "escalation-console";
    public const string ConsoleClientSecret = "console-secret-of-the-test-provider";
    public const string PlatformClientId = "platform-12345";
    public const string PlatformClientSecret = "platform-secret-of-the-test-provider";
    public const string UnmappedClientId = "some-other-system";
    public const string Audience = "escalation";

    private static readonly Dictionary<string, string> Secrets = new()
    {
        [ConsoleClientId] = ConsoleClientSecret, [PlatformClientId] = PlatformClientSecret, [UnmappedClientId] = "another-secret",
    };

    private WebApplication? _app;

    public Uri Address { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAuthentication();
        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            server.AllowAuthorizationCodeFlow().AllowClientCredentialsFlow().RequireProofKeyForCodeExchange();
            server.RegisterScopes(Scopes.OpenId, Scopes.Profile);
            server.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            // Access tokens as signed JWTs, which any OAuth resource server reads (OpenIddict encrypts them by default).
            server.DisableAccessTokenEncryption();
            // No application store: the clients are the dictionary above, checked by the two handlers below.
            server.EnableDegradedMode();
            server.UseAspNetCore()
                .EnableAuthorizationEndpointPassthrough()
                .EnableTokenEndpointPassthrough()
                .DisableTransportSecurityRequirement();
            server.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ConsoleClientId)
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                return default;
            }));
            server.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId is null || !Secrets.TryGetValue(context.ClientId, out var secret) || context.ClientSecret != secret)
                    context.Reject(Errors.InvalidClient, "Unknown client or wrong secret.");
                return default;
            }));
        });

        _app = builder.Build();
        _app.UseAuthentication();
        _app.MapMethods("/connect/authorize", ["GET", "POST"], (Func<HttpContext, IResult>)Authorize);
        _app.MapPost("/connect/token", (Func<HttpContext, Task<IResult>>)Token);
        await _app.StartAsync();
        Address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
    }

    /// <summary>The provider's login: a form for the user name, then the code back to the client.</summary>
    private static IResult Authorize(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest()!;
        var login = HttpMethods.IsPost(http.Request.Method) ? http.Request.Form["login"].ToString() : "";
        if (login.Length == 0)
        {
            var fields = string.Concat(request.GetParameters().Select(p =>
                $"<input type=\"hidden\" name=\"{HtmlEncoder.Default.Encode(p.Key)}\" value=\"{HtmlEncoder.Default.Encode(p.Value.ToString() ?? "")}\">"));
            return Results.Content(
                $"<!DOCTYPE html><html><head><title>County identity provider</title></head><body><h1>County identity provider</h1>" +
                $"<form method=\"post\" action=\"/connect/authorize\">{fields}<label for=\"login\">User name</label>" +
                "<input id=\"login\" name=\"login\"><button id=\"provider-submit\">Sign in</button></form></body></html>",
                "text/html; charset=utf-8");
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, login));
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(request.GetScopes());
        principal.SetResources(Audience);
        principal.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> Token(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest()!;
        ClaimsPrincipal principal;
        if (request.IsClientCredentialsGrantType())
        {
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.AddClaim(new Claim(Claims.Subject, request.ClientId!));
            principal = new ClaimsPrincipal(identity);
            principal.SetResources(Audience);
        }
        else
        {
            principal = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal!;
        }
        principal.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>An access token for an integration, by the client credentials grant.</summary>
    public async Task<string> ClientCredentialsTokenAsync(string clientId)
    {
        using var client = new HttpClient { BaseAddress = Address };
        var answer = await client.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = GrantTypes.ClientCredentials, ["client_id"] = clientId, ["client_secret"] = Secrets[clientId],
        }));
        var body = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.ShouldBe(HttpStatusCode.OK, customMessage: body);
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>The settings that make the host use this provider for single sign-on.</summary>
    public IReadOnlyList<(string Key, string Value)> HostSettings =>
    [
        ("Escalation:Auth:Oidc:Authority", Address.ToString()), ("Escalation:Auth:Oidc:ClientId", ConsoleClientId),
        ("Escalation:Auth:Oidc:ClientSecret", ConsoleClientSecret), ("Escalation:Auth:Oidc:Audience", Audience),
        ("Escalation:Auth:Oidc:RequireHttpsMetadata", "false"), ($"Escalation:Auth:Oidc:Clients:{PlatformClientId}", "op-01"),
    ];

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
    }
}
