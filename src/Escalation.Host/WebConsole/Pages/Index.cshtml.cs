using Escalation.Domain.Reference;
using Microsoft.AspNetCore.Mvc;

namespace Escalation.Host.WebConsole.Pages;

/// <summary>Each role starts where its day's work is.</summary>
public sealed class IndexModel : ConsolePage
{
    public IActionResult OnGet() => Redirect(MyRole switch
    {
        Role.Operator => "/intake",
        Role.Administrator => "/board",
        _ => "/inbox",
    });
}
