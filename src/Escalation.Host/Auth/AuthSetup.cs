using System.Net;
using System.Security.Claims;
using Escalation.Domain.Reference;
using Escalation.Host.Infrastructure;
using Escalation.Host.WebConsole;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Escalation.Host.Auth;

/// <summary>
/// Who may call: the API's bearer tokens (the host's own, and the county's identity provider's when single sign-on is
/// configured), the console's cookie (a password, the demo picker or single sign-on), the installation's keys, and the
/// proxy in front (forwarded headers, so cookies are Secure behind HTTPS).
/// </summary>
public static class AuthSetup
{
    /// <summary>The API's scheme when single sign-on is on: the host's own tokens or the provider's, by the token's issuer.</summary>
    public const string ApiScheme = "api";
    public const string ProviderBearer = "provider";
    public const string Oidc = "oidc";

    /// <summary>The cookie of someone signed in with a temporary password: it opens only the page that changes it.</summary>
    public const string PasswordChangeScheme = "console-password-change";

    public const string KnownProxiesSetting = "Escalation:Http:KnownProxies";

    public static void AddSignIn(this WebApplicationBuilder builder, string connectionString)
    {
        var settings = AuthSettings.From(builder.Configuration);
        var opened = connectionString != Database.Unopened.ConnectionString;
        if (opened)
            InstallationSecrets.CreateTables(connectionString);
        var key = SigningKey.Resolve(builder.Configuration, opened ? connectionString : null);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(new TokenIssuer(key));
        builder.Services.AddScoped<Accounts>();

        builder.Services.AddDataProtection().SetApplicationName(HostSetup.ServiceName);
        if (opened)
            builder.Services.Configure<KeyManagementOptions>(keys => keys.XmlRepository = new DatabaseXmlRepository(connectionString));

        var authentication = builder.Services.AddAuthentication(settings.Oidc is null ? JwtBearerDefaults.AuthenticationScheme : ApiScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = SigningKey.Issuer,
                    ValidAudience = SigningKey.Audience,
                    IssuerSigningKey = key,
                    NameClaimType = EscalationClaims.Subject,
                    RoleClaimType = EscalationClaims.Role,
                    ClockSkew = AuthSettings.ClockSkew,
                };
            })
            .AddCookie(PasswordChangeScheme, cookie =>
            {
                cookie.Cookie.Name = "escalation.password-change";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromMinutes(10);
                cookie.LoginPath = "/signin";
            });
        if (settings.Oidc is { } oidc)
            AddSingleSignOn(authentication, oidc);
        builder.Services.AddAuthorization();

        // The console's cookie (ConsoleSetup) ends after the idle time: each request slides it on.
        builder.Services.PostConfigure<CookieAuthenticationOptions>(ConsoleSetup.Scheme, cookie =>
        {
            cookie.ExpireTimeSpan = settings.IdleTimeout;
            cookie.SlidingExpiration = true;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // The provider sends the browser back from another site: a Strict cookie set then would not be sent on the way in.
            if (settings.Oidc is not null)
                cookie.Cookie.SameSite = SameSiteMode.Lax;
        });
        builder.Services.Configure<AntiforgeryOptions>(antiforgery => antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        builder.Services.Configure<CookieTempDataProviderOptions>(tempData => tempData.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in builder.Configuration.GetSection(KnownProxiesSetting).Get<string[]>() ?? [])
            {
                forwarded.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new StartupException($"{KnownProxiesSetting} holds '{proxy}', which is no IP address."));
            }
        });
    }

    /// <summary>The console signs people in at the county's provider; the API takes the provider's access tokens too.</summary>
    private static void AddSingleSignOn(AuthenticationBuilder authentication, OidcSettings oidc)
    {
        authentication
            .AddPolicyScheme(ApiScheme, "The host's tokens or the provider's", policy => policy.ForwardDefaultSelector = http =>
                IssuerOf(http.Request.Headers.Authorization.ToString()) is { } issuer && issuer != SigningKey.Issuer
                    ? ProviderBearer
                    : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(ProviderBearer, jwt =>
            {
                jwt.Authority = oidc.Authority;
                jwt.Audience = oidc.Audience;
                jwt.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters.ClockSkew = AuthSettings.ClockSkew;
                jwt.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        var principal = context.Principal!;
                        var reference = context.HttpContext.RequestServices.GetRequiredService<ReferenceData>();
                        var user = reference.FindActiveUser(principal.FindFirst(oidc.UserIdClaim)?.Value)
                            ?? (ClientOf(principal) is { } client && oidc.Clients.TryGetValue(client, out var userId) ? reference.FindActiveUser(userId) : null);
                        if (user is null)
                            context.Fail("The provider's token names no user of the county who may sign in.");
                        else
                            context.Principal = Principal(user, context.Scheme.Name);
                        return Task.CompletedTask;
                    },
                };
            })
            .AddOpenIdConnect(Oidc, openId =>
            {
                openId.Authority = oidc.Authority;
                openId.ClientId = oidc.ClientId;
                openId.ClientSecret = oidc.ClientSecret;
                openId.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
                openId.ResponseType = "code";
                openId.MapInboundClaims = false;
                openId.SignInScheme = ConsoleSetup.Scheme;
                openId.CallbackPath = "/signin/oidc";
                openId.TokenValidationParameters.ClockSkew = AuthSettings.ClockSkew;
                // The provider answers on a top-level GET (not a cross-site form post), so the correlation and nonce cookies
                // can be Lax, and need not be Secure on plain HTTP; behind HTTPS they are.
                openId.ResponseMode = OpenIdConnectResponseMode.Query;
                openId.CorrelationCookie.SameSite = SameSiteMode.Lax;
                openId.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                openId.NonceCookie.SameSite = SameSiteMode.Lax;
                openId.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                // A conversation with another party, in the world's time: never the cases' clock.
                openId.TimeProvider = TimeProvider.System;
                openId.Events = new OpenIdConnectEvents
                {
                    OnTokenValidated = async context =>
                    {
                        var services = context.HttpContext.RequestServices;
                        var id = context.Principal!.FindFirst(oidc.UserIdClaim)?.Value ?? "";
                        var user = services.GetRequiredService<ReferenceData>().FindActiveUser(id);
                        await services.GetRequiredService<Accounts>().RecordAsync(id, SignInMethods.Oidc,
                            user is null ? SignInOutcomes.UnknownUser : SignInOutcomes.Succeeded, Source(context.HttpContext), context.HttpContext.RequestAborted);
                        if (user is null)
                            context.Fail($"The provider's user {id} is no user of the county.");
                        else
                            context.Principal = Principal(user, ConsoleSetup.Scheme);
                    },
                    OnRemoteFailure = context =>
                    {
                        context.HandleResponse();
                        context.Response.Redirect("/signin?failed=sso");
                        return Task.CompletedTask;
                    },
                };
            });
    }

    /// <summary>A user of the county as the API and the console see them, whichever way they proved who they are.</summary>
    public static ClaimsPrincipal Principal(User user, string scheme) =>
        new(new ClaimsIdentity(EscalationClaims.For(user), scheme, EscalationClaims.Subject, EscalationClaims.Role));

    /// <summary>Where the request came from (after the trusted proxy's forwarded header).</summary>
    public static string? Source(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();

    private static string? ClientOf(ClaimsPrincipal principal) =>
        principal.FindFirst("client_id")?.Value ?? principal.FindFirst("azp")?.Value;

    private static string? IssuerOf(string authorization)
    {
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return null;
        try
        {
            return new JsonWebToken(authorization["Bearer ".Length..].Trim()).Issuer;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
