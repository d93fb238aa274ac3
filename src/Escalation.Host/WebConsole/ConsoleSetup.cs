using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Microsoft.AspNetCore.Localization;

namespace Escalation.Host.WebConsole;

/// <summary>
/// The web console: server-rendered pages for operators, dispatchers, departments, leaders and auditors, signed in with
/// a cookie that carries the same claims as the API's tokens. The API keeps its bearer tokens and never reads the cookie.
/// </summary>
public static class ConsoleSetup
{
    public const string Scheme = "console";
    public const string Policy = "console";
    public const string LanguageCookie = "escalation.lang";

    private static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    public static void AddConsole(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication()
            .AddCookie(Scheme, cookie =>
            {
                cookie.Cookie.Name = "escalation.console";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.LoginPath = "/signin";
                cookie.AccessDeniedPath = "/denied";
                cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
                cookie.SlidingExpiration = true;
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        builder.Services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/WebConsole/Pages";
            pages.Conventions.AuthorizeFolder("/", Policy);
            pages.Conventions.AllowAnonymousToPage("/SignIn");
        }).AddMvcOptions(mvc => mvc.Filters.Add<NoSuchAction>());
        // Chinese pages as Chinese text, not as character references three times their size.
        builder.Services.Configure<WebEncoderOptions>(encoder => encoder.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddScoped<ConsoleCommands>();
        builder.Services.AddSingleton<TicketActions>();
        builder.Services.AddSingleton<Texts>();
        builder.Services.AddSingleton<Places>();
        builder.Services.AddSingleton<LiveChanges>();
        builder.Services.AddHostedService(services => services.GetRequiredService<LiveChanges>());
    }

    public static void MapConsole(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapGet("/console.css", () => Asset("console.css", "text/css; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/console.js", () => Asset("console.js", "text/javascript; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/language", (HttpContext http, string? culture, string? returnUrl) =>
        {
            var chosen = Cultures.FirstOrDefault(c => c.Name == culture) ?? Cultures[0];
            http.Response.Cookies.Append(LanguageCookie, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, MaxAge = TimeSpan.FromDays(365), Secure = http.Request.IsHttps });
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
    }

    /// <summary>
    /// An address the console does not know (a ticket id mistyped, a page that is not there) is a console page, not the
    /// API's problem details: a GET outside <c>/api</c>, <c>/openapi</c> and <c>/health</c> that ends in an empty 404 (an
    /// unknown address) is sent to the console's "no such page" (404). Posts keep their 400, 405 and 415; a fallback route
    /// is not used, since it would hide the API's 405 and 415.
    /// </summary>
    public static void UseConsoleStatusPages(this WebApplication app) =>
        app.UseWhen(
            http => HttpMethods.IsGet(http.Request.Method) && !http.Request.Path.StartsWithSegments("/api")
                && !http.Request.Path.StartsWithSegments("/openapi") && !http.Request.Path.StartsWithSegments("/health"),
            console => console.Use(async (http, next) =>
            {
                await next(http);
                var response = http.Response;
                if (response.StatusCode == StatusCodes.Status404NotFound && !response.HasStarted && string.IsNullOrEmpty(response.ContentType) && response.ContentLength is null)
                    response.Redirect("/missing");
            }));

    /// <summary>Chinese unless the user chose English; only the console's pages, so the API's answers never depend on a cookie.</summary>
    public static void UseConsoleLanguage(this WebApplication app) =>
        app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api"), console => console.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Cultures[0]),
            SupportedCultures = Cultures,
            SupportedUICultures = Cultures,
            RequestCultureProviders = [new CookieRequestCultureProvider { CookieName = LanguageCookie }],
        }));

    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private static IResult Asset(string name, string contentType)
    {
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Escalation.Host.WebConsole.Assets.{name}")
            ?? throw new InvalidOperationException($"The console asset {name} is not embedded.");
        return Results.Stream(stream, contentType);
    }
}
