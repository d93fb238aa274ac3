using Escalation.Domain;
using Escalation.Domain.Reference;
using Escalation.Host.Api;
using Escalation.Projections;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Escalation.Host.WebConsole.Pages;

/// <summary>
/// A unit's or department's open tickets, nearest deadline first, with their lights and time left and the actions
/// the user may take on each in place. Operators see the tickets they opened; auditors and administrators every one.
/// </summary>
public sealed class InboxModel(IQuerySession session, ReferenceData reference, TimeProvider clock) : ConsolePage
{
    public const int PageSize = 100;

    public IReadOnlyList<TicketView> Tickets { get; private set; } = [];

    public long Total { get; private set; }

    public WarningLight? Light { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? light)
    {
        Light = Enum.TryParse<WarningLight>(light, ignoreCase: true, out var lit) && lit != WarningLight.None ? lit : null;
        Now = clock.GetUtcNow();
        var query = Access.Visible(session, User, null, reference);
        if (MyRole != Role.Operator)
            query = query.Where(t => Ticket.OpenStates.Contains(t.Status));
        if (Light is { } only)
            query = query.Where(t => t.Light == only);
        Total = await query.CountAsync(HttpContext.RequestAborted);
        Tickets = [.. await query.OrderBy(t => t.NextDeadline).ThenBy(t => t.ReportedAt).ThenBy(t => t.Id).Take(PageSize).ToListAsync(HttpContext.RequestAborted)];
        return Page();
    }
}
