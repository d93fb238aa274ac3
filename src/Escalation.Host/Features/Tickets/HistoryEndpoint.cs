using Escalation.Domain;
using Escalation.Domain.Reference;
using Escalation.Host.Api;
using Escalation.Host.Features.Privacy;
using Escalation.Projections.Privacy;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Tickets;

/// <param name="At">When it happened in the case's time; <paramref name="RecordedAt"/> is when the store wrote it.</param>
/// <param name="Reference">The version of the county's reference data its decision was taken under (GET /api/county?version=).</param>
public sealed record HistoryEntry(long Version, string Type, DateTimeOffset At, DateTimeOffset RecordedAt, Actor? By, object Data, string? Reference = null);

public static class HistoryEndpoint
{
    [ProducesResponseType<IReadOnlyList<HistoryEntry>>(StatusCodes.Status200OK)]
    [WolverineGet("/api/tickets/{id}/history")]
    public static async Task<IResult> Get(Guid id, HttpContext http, IQuerySession session, ReferenceData reference, PersonalDataLog log)
    {
        if (await Access.LoadVisibleAsync(session, http.User, id, reference, http.RequestAborted) is not { } view)
            return Problems.NoSuchTicket(id);
        await log.AddressAsync(http.User, view, "history", http.RequestAborted);

        var events = await session.Events.FetchStreamAsync(id, token: http.RequestAborted);
        var readable = await CitizenTexts.ReadableAsync(session, id, events, http.RequestAborted);
        return Results.Ok(events.Select((e, i) => new HistoryEntry(
            e.Version, e.EventType.Name, (e.Data as ITicketEvent)?.At ?? e.Timestamp, e.Timestamp, (e.Data as ITicketEvent)?.By, readable[i],
            global::Escalation.Host.Organisation.ReferenceVersions.Of(e))));
    }
}
