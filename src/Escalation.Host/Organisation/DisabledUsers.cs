using Escalation.Host.Auth;
using Escalation.Host.WebConsole;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Escalation.Host.Organisation;

/// <summary>
/// A user an administrator disabled may no longer act: their API token and their console cookie are refused from the
/// next request on, on every node (the county in force says who is disabled), whatever sign-in issued them.
/// </summary>
public static class DisabledUsers
{
    public static void RefuseDisabledUsers(this IServiceCollection services)
    {
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
        {
            jwt.Events ??= new JwtBearerEvents();
            var earlier = jwt.Events.OnTokenValidated;
            jwt.Events.OnTokenValidated = async context =>
            {
                await earlier(context);
                if (context.Result is null && IsDisabled(context.HttpContext, context.Principal))
                    context.Fail("The user is disabled.");
            };
        });
        services.PostConfigure<CookieAuthenticationOptions>(ConsoleSetup.Scheme, cookie =>
        {
            var earlier = cookie.Events.OnValidatePrincipal;
            cookie.Events.OnValidatePrincipal = async context =>
            {
                await earlier(context);
                if (IsDisabled(context.HttpContext, context.Principal))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(ConsoleSetup.Scheme);
                }
            };
        });
    }

    private static bool IsDisabled(HttpContext http, System.Security.Claims.ClaimsPrincipal? principal) =>
        principal?.FindFirst(EscalationClaims.Subject)?.Value is { } id
        && http.RequestServices.GetRequiredService<CountyReference>().Current.FindUser(id) is { Disabled: true };
}
