using Escalation.Domain.Reference;
using Escalation.Host.Api;
using Escalation.Host.Auth;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Privacy;

public sealed record PersonalDataViewPage(int Page, int PageSize, long Total, IReadOnlyList<PersonalDataViewed> Items);

/// <summary>Who saw personal data, for auditors and the administrator: newest first, by ticket or by user.</summary>
public static class PersonalDataViewsEndpoint
{
    public const int PageSize = 50;

    [ProducesResponseType<PersonalDataViewPage>(StatusCodes.Status200OK)]
    [WolverineGet("/api/privacy/views")]
    public static async Task<IResult> Get(Guid? ticket, string? user, int? page, HttpContext http, IQuerySession session)
    {
        if (EscalationClaims.RoleOf(http.User) is not (Role.Auditor or Role.Administrator))
            return Problems.Forbidden("read who saw personal data");
        if (page is < 1 or > int.MaxValue / PageSize)
            return Problems.Invalid("page", $"must be from 1 to {int.MaxValue / PageSize}.");

        return Results.Ok(await PageAsync(session, ticket, user, page ?? 1, http.RequestAborted));
    }

    /// <summary>One page of the log, newest first, by ticket and by user when given: the API and the console's page read it.</summary>
    public static async Task<PersonalDataViewPage> PageAsync(IQuerySession session, Guid? ticket, string? user, int page, CancellationToken ct)
    {
        IQueryable<PersonalDataViewed> query = session.Query<PersonalDataViewed>();
        if (ticket is { } ticketId)
            query = query.Where(v => v.TicketId == ticketId);
        if (!string.IsNullOrWhiteSpace(user))
            query = query.Where(v => v.UserId == user);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(v => v.At).ThenByDescending(v => v.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new PersonalDataViewPage(page, PageSize, total, items);
    }
}
