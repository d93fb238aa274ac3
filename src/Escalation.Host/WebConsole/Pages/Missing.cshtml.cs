using Microsoft.AspNetCore.Mvc;

namespace Escalation.Host.WebConsole.Pages;

/// <summary>The console's answer to an address it does not know (see <see cref="ConsoleSetup.UseConsoleStatusPages"/>).</summary>
public sealed class MissingModel : ConsolePage
{
    public IActionResult OnGet()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
