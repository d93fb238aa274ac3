using System.Security.Claims;
using Escalation.Domain.Reference;
using Escalation.Host.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Escalation.Host.WebConsole.Pages;

/// <summary>
/// Signs in as one of the county's users, with the claims the API's tokens carry. The sample county has no passwords:
/// a deployment puts its single sign-on in front of this page.
/// </summary>
public sealed class SignInModel(ReferenceData reference, Texts texts) : ConsolePage
{
    /// <summary>The county's users, less those an administrator disabled.</summary>
    public IReadOnlyList<User> Users => [.. reference.Users.Where(u => !u.Disabled)];

    public string? ReturnUrl { get; private set; }

    public string? Error { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? userId, string? returnUrl)
    {
        if (reference.FindUser(userId) is not { Disabled: false } user)
        {
            ReturnUrl = returnUrl;
            Error = texts["signin.unknown"];
            return Page();
        }
        var identity = new ClaimsIdentity(EscalationClaims.For(user), ConsoleSetup.Scheme, EscalationClaims.Subject, EscalationClaims.Role);
        await HttpContext.SignInAsync(ConsoleSetup.Scheme, new ClaimsPrincipal(identity));
        return LocalRedirect(Back(returnUrl, "/"));
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await HttpContext.SignOutAsync(ConsoleSetup.Scheme);
        return RedirectToPage();
    }
}
