namespace Escalation.Host.Auth;

/// <summary>
/// The headers every answer carries, pages, API and errors alike: a content security policy that admits only the
/// host's own script and stylesheet and no framing, no MIME sniffing, and no referrer sent to other sites.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// The console's policy. Style attributes are allowed (<c>style-src-attr</c>): the board draws its bars with widths
    /// computed on the server; no inline script or style element is. Forms post to this host, and, with single sign-on,
    /// the sign-in form's answer may redirect to the provider (<c>form-action</c> covers that redirect).
    /// </summary>
    public static string ConsolePolicy(string formTargets) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; " +
        $"connect-src 'self'; form-action {formTargets}; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    /// <summary>The API reference (<c>/scalar</c>) is a page of Scalar's own, with inline script and styles.</summary>
    public const string ReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public static void UseSecurityHeaders(this WebApplication app)
    {
        var provider = app.Services.GetRequiredService<AuthSettings>().Oidc?.Authority;
        var consolePolicy = ConsolePolicy(provider is null ? "'self'" : $"'self' {new Uri(provider).GetLeftPart(UriPartial.Authority)}");
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/scalar") ? ReferencePolicy : consolePolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                headers.XFrameOptions = "DENY";
                return Task.CompletedTask;
            });
            return next(http);
        });
    }
}
