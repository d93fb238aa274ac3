using Escalation.Domain;
using Escalation.Domain.Reference;
using Escalation.Host.Api;
using Escalation.Projections;
using Escalation.Projections.Integrity;
using Escalation.Projections.Privacy;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Escalation.Host.WebConsole.Pages;

/// <summary>
/// The auditor's case page: every event with who did it and when, the case replayed as it stood after any one of them,
/// and the hash chain checked against the stored events. Whoever may see the ticket may read its timeline.
/// </summary>
public sealed class AuditModel(IQuerySession session, ReferenceData reference) : ConsolePage
{
    public Guid Id { get; private set; }

    public IReadOnlyList<IEvent> Events { get; private set; } = [];

    /// <summary>Each event's data as people read it, by index: the citizen's text put back, or the placeholder once erased.</summary>
    public IReadOnlyList<object> Readable { get; private set; } = [];

    public long Version { get; private set; }

    /// <summary>The case as of <see cref="Version"/>; null when no event of it is left to replay.</summary>
    public TicketView? AsOf { get; private set; }

    public ChainVerification Chain { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, long? version)
    {
        if (await Access.LoadVisibleAsync(session, User, id, reference, HttpContext.RequestAborted) is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Partial("_NotFound");
        }
        Id = id;
        Events = await session.Events.FetchStreamAsync(id, token: HttpContext.RequestAborted);
        Readable = await CitizenTexts.ReadableAsync(session, id, Events, HttpContext.RequestAborted);
        Chain = await EventChain.VerifyAsync(session, id, HttpContext.RequestAborted);
        if (Events.Count == 0)
            return Page();
        Version = Math.Clamp(version ?? Events.Count, 1, Events.Count);
        AsOf = await CitizenTexts.ReplayAsync(session, id, Version, HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>
    /// When the event happened in the case's own time. A timer's events carry the time it fired (its handler's now),
    /// which can be later than it fell due: after a restart, or under a burst of timers.
    /// </summary>
    public static DateTimeOffset At(IEvent e) => (e.Data as ITicketEvent)?.At ?? e.Timestamp;

    public static Actor? By(IEvent e) => (e.Data as ITicketEvent)?.By;
}
