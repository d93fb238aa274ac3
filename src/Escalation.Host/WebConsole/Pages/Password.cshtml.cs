using System.Security.Claims;
using Escalation.Domain.Reference;
using Escalation.Host.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Escalation.Host.WebConsole.Pages;

/// <summary>
/// Changes one's own password: forced after a temporary one (the only page that sign-in opens until it is done), or
/// by choice when signed in. It opens to the password-change cookie as well as the console's, so it allows anonymous
/// requests and checks the two itself.
/// </summary>
[AllowAnonymous]
public sealed class PasswordModel(ReferenceData reference, AuthSettings settings, Accounts accounts, Texts texts) : ConsolePage
{
    public bool Forced { get; private set; }

    public string? ReturnUrl { get; private set; }

    public int MinimumLength => settings.MinimumPasswordLength;

    public Dictionary<string, string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        ReturnUrl = returnUrl;
        return await WhoAsync() is null ? RedirectToPage("/SignIn") : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? current, string? password, string? confirm, string? returnUrl)
    {
        ReturnUrl = returnUrl;
        if (await WhoAsync() is not { } userId)
            return RedirectToPage("/SignIn");
        if (password != confirm)
        {
            Errors["confirm"] = texts["password.mismatch"];
            return Refused();
        }

        var errors = await accounts.ChangePasswordAsync(userId, current ?? "", password ?? "", AuthSetup.Source(HttpContext), HttpContext.RequestAborted);
        foreach (var (field, reasons) in errors)
            Errors[field] = field == "current" ? texts["password.wrong-current"]
                : reasons[0].StartsWith("must be at least", StringComparison.Ordinal) ? string.Format(texts["password.too-short"], settings.MinimumPasswordLength)
                : reasons[0].StartsWith("must differ", StringComparison.Ordinal) ? texts["password.same"]
                : texts.Reason(reasons[0]);
        if (Errors.Count > 0)
            return Refused();
        if (reference.FindUser(userId) is not { } user)
            return RedirectToPage("/SignIn");

        await HttpContext.SignOutAsync(AuthSetup.PasswordChangeScheme);
        await HttpContext.SignInAsync(ConsoleSetup.Scheme, AuthSetup.Principal(user, ConsoleSetup.Scheme));
        TempData["done"] = texts["password.changed"];
        return LocalRedirect(Back(returnUrl, "/"));
    }

    /// <summary>The user changing their password: signed in with a temporary one, or signed in to the console.</summary>
    private async Task<string?> WhoAsync()
    {
        var temporary = await HttpContext.AuthenticateAsync(AuthSetup.PasswordChangeScheme);
        Forced = temporary.Succeeded;
        var principal = temporary.Succeeded ? temporary.Principal : (await HttpContext.AuthenticateAsync(ConsoleSetup.Scheme)).Principal;
        return principal?.FindFirstValue(EscalationClaims.Subject);
    }

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
