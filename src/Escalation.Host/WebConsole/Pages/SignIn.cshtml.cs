using Escalation.Domain.Reference;
using Escalation.Host.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Escalation.Host.WebConsole.Pages;

/// <summary>
/// Signs in with a password (a temporary one leads to the password page first), through the county's single sign-on
/// when it is configured, or, in demo mode only, as any user of the sample county picked from a list.
/// </summary>
public sealed class SignInModel(ReferenceData reference, AuthSettings settings, Accounts accounts, Texts texts) : ConsolePage
{
    /// <summary>The county's users, less those an administrator disabled.</summary>
    public IReadOnlyList<User> Users => [.. reference.Users.Where(u => !u.Disabled)];

    public bool Demo => settings.Demo;

    public bool SingleSignOn => settings.Oidc is not null;

    public string? ReturnUrl { get; private set; }

    public string? Error { get; private set; }

    public void OnGet(string? returnUrl, string? failed)
    {
        ReturnUrl = returnUrl;
        if (failed == "sso")
            Error = texts["signin.sso-failed"];
    }

    public async Task<IActionResult> OnPostAsync(string? userId, string? password, string? returnUrl)
    {
        ReturnUrl = returnUrl;
        if (!string.IsNullOrEmpty(password))
            return await WithPasswordAsync(userId, password, returnUrl);
        // Outside demo mode a user id alone proves nothing.
        if (!settings.Demo)
            return Refused(texts["signin.password-required"]);
        if (reference.FindActiveUser(userId) is not { } user)
            return Refused(texts["signin.unknown"]);
        await accounts.RecordAsync(user.Id, SignInMethods.Demo, SignInOutcomes.Succeeded, AuthSetup.Source(HttpContext), HttpContext.RequestAborted);
        await HttpContext.SignInAsync(ConsoleSetup.Scheme, AuthSetup.Principal(user, ConsoleSetup.Scheme));
        return LocalRedirect(Back(returnUrl, "/"));
    }

    public IActionResult OnPostSso(string? returnUrl) => SingleSignOn
        ? Challenge(new AuthenticationProperties { RedirectUri = Back(returnUrl, "/") }, AuthSetup.Oidc)
        : NotFound();

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await HttpContext.SignOutAsync(ConsoleSetup.Scheme);
        return RedirectToPage();
    }

    private async Task<IActionResult> WithPasswordAsync(string? userId, string password, string? returnUrl)
    {
        switch (await accounts.SignInAsync(userId, password, AuthSetup.Source(HttpContext), HttpContext.RequestAborted))
        {
            case PasswordSignIn.Succeeded { MustChangePassword: true } first:
                await HttpContext.SignInAsync(AuthSetup.PasswordChangeScheme, AuthSetup.Principal(first.User, AuthSetup.PasswordChangeScheme));
                return RedirectToPage("/Password", new { returnUrl = Back(returnUrl, "/") });
            case PasswordSignIn.Succeeded signedIn:
                await HttpContext.SignInAsync(ConsoleSetup.Scheme, AuthSetup.Principal(signedIn.User, ConsoleSetup.Scheme));
                return LocalRedirect(Back(returnUrl, "/"));
            case PasswordSignIn.LockedOut locked:
                return Refused(string.Format(texts["signin.locked"], texts.Moment(locked.Until)));
            default:
                return Refused(texts["signin.failed"]);
        }
    }

    private PageResult Refused(string error)
    {
        Error = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
