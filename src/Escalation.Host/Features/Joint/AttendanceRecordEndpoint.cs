using Escalation.Domain.Reference;
using Escalation.Host.Api;
using Escalation.Projections.Joint;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Joint;

/// <summary>A whistle's attendance record (报到情况记录单): the whistle, who came and when, the conference, the parts, the evaluations.</summary>
public sealed record AttendanceRecord(Guid TicketId, string? Number, JointWhistleView Whistle, IReadOnlyList<PartView> Parts);

public static class AttendanceRecordEndpoint
{
    /// <summary>404 for a ticket the caller may not see, or a whistle it does not have.</summary>
    [ProducesResponseType<AttendanceRecord>(StatusCodes.Status200OK)]
    [WolverineGet("/api/tickets/{id}/whistles/{whistleId}")]
    public static async Task<IResult> Get(Guid id, Guid whistleId, HttpContext http, IQuerySession session, ReferenceData reference) =>
        await RecordAsync(session, http, id, whistleId, reference) is { } record ? Results.Ok(record) : Problems.NoSuchTicket(id);

    public static async Task<AttendanceRecord?> RecordAsync(IQuerySession session, HttpContext http, Guid id, Guid whistleId, ReferenceData reference) =>
        await Access.LoadVisibleAsync(session, http.User, id, reference, http.RequestAborted) is { } view && view.Joint.Whistle(whistleId) is { } whistle
            ? new AttendanceRecord(id, view.Number, whistle, [.. view.Joint.Parts.Where(p => p.WhistleId == whistleId)])
            : null;
}
