using Escalation.Domain.Reference;
using Escalation.Host.Api;
using Escalation.Projections;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Tickets;

/// <summary>The citizen as the caller may see them: in full, masked, or erased (null).</summary>
public sealed record CitizenDetails(string? Name, string? Phone, bool Masked);

public sealed record TicketDetails(TicketView Ticket, CitizenDetails? Citizen);

public static class GetTicketEndpoint
{
    [ProducesResponseType<TicketDetails>(StatusCodes.Status200OK)]
    [WolverineGet("/api/tickets/{id}")]
    public static async Task<IResult> Get(Guid id, HttpContext http, IQuerySession session, ReferenceData reference)
    {
        var view = await Access.LoadVisibleAsync(session, http.User, id, reference, http.RequestAborted);
        if (view is null)
            return Problems.NoSuchTicket(id);

        var citizen = await Access.CitizenAsync(session, http.User, id, http.RequestAborted);
        http.Response.Headers.ETag = TicketCommandRunner.ETag(view.Version);
        return Results.Ok(new TicketDetails(view, citizen));
    }

    /// <summary>张三丰 → 张**: the surname stays, as 12345 platforms show it.</summary>
    public static string? MaskName(string? name) => string.IsNullOrEmpty(name) ? name : name[0] + new string('*', name.Length - 1);

    /// <summary>13812345678 → 138****5678.</summary>
    public static string? MaskPhone(string? phone) =>
        phone is null || phone.Length <= 7 ? phone is null ? null : new string('*', phone.Length)
        : phone[..3] + new string('*', phone.Length - 7) + phone[^4..];
}
