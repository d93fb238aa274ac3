using System.Globalization;
using Escalation.Domain;
using Escalation.Domain.Reference;
using Escalation.Host.Api;
using Escalation.Host.Features.Privacy;
using Escalation.Projections;
using Escalation.Projections.Privacy;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Tickets;

/// <summary>The auditors' replay: a ticket as it stood at a version, or at a moment of the case's own time.</summary>
public static class StateEndpoint
{
    /// <summary>
    /// Folds the ticket's events up to <c>version</c>, or up to the last event whose <c>At</c> is at or before
    /// <c>asOf</c>, with the same projection as the live view. Who may see the ticket now may replay it.
    /// </summary>
    [ProducesResponseType<TicketView>(StatusCodes.Status200OK)]
    [WolverineGet("/api/tickets/{id}/state")]
    public static async Task<IResult> Get(Guid id, string? version, string? asOf, HttpContext http, IQuerySession session, ReferenceData reference, PersonalDataLog log)
    {
        var fields = new Fields();
        var (atVersion, at) = Read(version, asOf, fields);
        if (!fields.AreValid)
            return Problems.Invalid(fields.Errors);

        var current = await Access.LoadVisibleAsync(session, http.User, id, reference, http.RequestAborted);
        if (current is null)
            return Problems.NoSuchTicket(id);

        if (at is { } moment)
        {
            var events = await session.Events.FetchStreamAsync(id, token: http.RequestAborted);
            atVersion = events.TakeWhile(e => e.Data is ITicketEvent t && t.At <= moment).LastOrDefault()?.Version;
            if (atVersion is null)
                return Problems.Invalid("asOf", $"the ticket was reported at {current.ReportedAt:O}, after {moment:O}.");
        }
        if (atVersion > current.Version)
            return Problems.Invalid("version", $"the ticket is at version {current.Version}.");

        var replayed = await CitizenTexts.ReplayAsync(session, id, atVersion!.Value, http.RequestAborted);
        if (replayed is not null)
            await log.AddressAsync(http.User, replayed, "state", http.RequestAborted);
        return Results.Ok(replayed);
    }

    private static (long? Version, DateTimeOffset? AsOf) Read(string? version, string? asOf, Fields fields)
    {
        if ((version is null) == (asOf is null))
        {
            fields.Add("version", "give either a version or asOf (a time with an offset), not both and not neither.");
            return (null, null);
        }
        if (version is not null)
        {
            if (long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1)
                return (number, null);
            fields.Add("version", "must be a ticket version: a whole number, 1 or more.");
            return (null, null);
        }

        // A '+' left unencoded in a query string arrives as a space: "…T10:00:00 08:00" means "+08:00".
        var text = asOf!.Trim().Replace(' ', '+');
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
            && parsed.Kind != DateTimeKind.Unspecified
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment))
            return (null, moment);
        fields.Add("asOf", "must be an ISO 8601 time with an offset, such as 2026-11-23T10:00:00+08:00.");
        return (null, null);
    }
}
