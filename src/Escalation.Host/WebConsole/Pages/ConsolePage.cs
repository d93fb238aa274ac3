using Escalation.Domain;
using Escalation.Domain.Reference;
using Escalation.Host.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Escalation.Host.WebConsole.Pages;

/// <summary>What every console page knows: who is signed in, in which role and unit.</summary>
public abstract class ConsolePage : PageModel
{
    public Role? MyRole => EscalationClaims.RoleOf(User);

    public Actor Me => EscalationClaims.ActorOf(User);

    /// <summary>A page the user's role may not open: the console's "not allowed" page, not a bare 403.</summary>
    protected IActionResult NotAllowed() => RedirectToPage("/Denied");

    /// <summary>Where to go after an action: back where the user came from when that is this site, else <paramref name="fallback"/>.</summary>
    protected string Back(string? returnUrl, string fallback) => ConsoleSetup.IsLocal(returnUrl) ? returnUrl! : fallback;
}
