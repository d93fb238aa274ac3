using Escalation.Domain.Reference;
using Escalation.Host.Features.Privacy;
using Escalation.Projections;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Escalation.Host.WebConsole.Pages;

/// <summary>Who saw personal data, for auditors and the administrator: the API's log, by ticket (its number or id) and by user.</summary>
public sealed class PersonalDataViewsModel(IQuerySession session) : ConsolePage
{
    public PersonalDataViewPage Views { get; private set; } = new(1, PersonalDataViewsEndpoint.PageSize, 0, []);

    /// <summary>The ticket asked for, as typed.</summary>
    public string? Ticket { get; private set; }

    public string? UserId { get; private set; }

    /// <summary>The tickets' numbers, by id, to name them as people read them.</summary>
    public IReadOnlyDictionary<Guid, string?> Numbers { get; private set; } = new Dictionary<Guid, string?>();

    public async Task<IActionResult> OnGetAsync(string? ticket, string? user, int? page)
    {
        if (MyRole is not (Role.Auditor or Role.Administrator))
            return NotAllowed();
        var ct = HttpContext.RequestAborted;
        (Ticket, UserId) = (ticket?.Trim(), user?.Trim());
        Guid? ticketId = null;
        if (!string.IsNullOrEmpty(Ticket))
        {
            var number = Ticket.ToUpperInvariant();
            ticketId = Guid.TryParse(Ticket, out var id) ? id
                : (await session.Query<TicketView>().Where(t => t.Number == number).Select(t => t.Id).ToListAsync(ct)).FirstOrDefault();
        }
        Views = await PersonalDataViewsEndpoint.PageAsync(session, ticketId, UserId, Math.Clamp(page ?? 1, 1, int.MaxValue / PersonalDataViewsEndpoint.PageSize), ct);
        var ids = Views.Items.Select(v => v.TicketId).Distinct().ToArray();
        Numbers = (await session.Query<TicketView>().Where(t => ids.Contains(t.Id)).ToListAsync(ct)).ToDictionary(t => t.Id, t => t.Number);
        return Page();
    }
}
