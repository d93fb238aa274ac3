using Escalation.Domain.Reference;
using Escalation.Host.Api;
using Escalation.Host.Features.Privacy;
using Escalation.Projections;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Escalation.Host.WebConsole.Pages;

/// <summary>The work order on paper (工单): the request, the caller as the user may see them, the clocks, and room to sign.</summary>
public sealed class PrintModel(IQuerySession session, ReferenceData reference, PersonalDataLog log) : ConsolePage
{
    public TicketView Ticket { get; private set; } = null!;

    public CitizenDetails? Citizen { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await Access.LoadVisibleAsync(session, User, id, reference, HttpContext.RequestAborted) is not { } view)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Partial("_NotFound");
        }
        Ticket = view;
        Citizen = await log.CitizenAsync(session, User, view, "print", HttpContext.RequestAborted);
        return Page();
    }
}
