using Escalation.Domain.Reference;
using Escalation.Host.Features.Joint;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Escalation.Host.WebConsole.Pages;

/// <summary>A whistle's attendance record (报到情况记录单) on paper: who was summoned, who came and when, the conference, the parts, the evaluations.</summary>
public sealed class AttendanceRecordModel(IQuerySession session, ReferenceData reference) : ConsolePage
{
    public AttendanceRecord Record { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid whistleId)
    {
        if (await AttendanceRecordEndpoint.RecordAsync(session, HttpContext, id, whistleId, reference) is not { } record)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Partial("_NotFound");
        }
        Record = record;
        return Page();
    }
}
