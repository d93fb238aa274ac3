using Escalation.Domain;
using Escalation.Domain.Closure;
using Escalation.Domain.Escalation;
using Escalation.Domain.Intake;
using Escalation.Domain.Merging;
using Escalation.Domain.Privacy;
using Escalation.Domain.Rating;
using Escalation.Domain.Reference;
using Escalation.Domain.Resolution;
using Escalation.Domain.Supervision;
using Escalation.Domain.Triage;
using Escalation.Domain.Whistle;
using Escalation.Domain.Withdrawal;
using Marten.Events.Aggregation;

namespace Escalation.Projections;

/// <summary>A ticket as people read it: its current state, who holds it, its whistles and its key moments.</summary>
public sealed class TicketView
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public TicketStatus Status { get; set; }
    public Channel Channel { get; set; }
    public Urgency Urgency { get; set; }
    public string Description { get; set; } = "";
    public string VillageCode { get; set; } = "";
    public string? GridCode { get; set; }
    public string? Address { get; set; }
    public string? CategoryCode { get; set; }
    public int? Level { get; set; }
    public string HoldingUnitCode { get; set; } = "";
    public string? HoldingDepartmentCode { get; set; }
    public Tier? HandlingTier { get; set; }
    public string ReportedBy { get; set; } = "";
    public DateTimeOffset ReportedAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? Resolution { get; set; }
    public Satisfaction? Rating { get; set; }
    public string? RatingComment { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public ClosedBecause? ClosedBecause { get; set; }
    public Guid? MergedInto { get; set; }
    public List<Guid> Duplicates { get; set; } = [];
    public List<WhistleView> Whistles { get; set; } = [];

    /// <summary>Every department a whistle or a transfer ever named: each may see the ticket.</summary>
    public List<string> Departments { get; set; } = [];

    public int Escalations { get; set; }
    public int Returns { get; set; }
    public int Reopenings { get; set; }
    public int Urgings { get; set; }
    public bool CitizenDataErased { get; set; }
    public DateTimeOffset LastChangedAt { get; set; }
}

public sealed class WhistleView
{
    public Guid Id { get; set; }
    public string BlownBy { get; set; } = "";
    public DateTimeOffset BlownAt { get; set; }
    public DateTimeOffset ReportInDeadline { get; set; }
    public string Reason { get; set; } = "";
    public List<string> Departments { get; set; } = [];
    public List<ReportInView> ReportIns { get; set; } = [];
    public List<string> ReturnedBy { get; set; } = [];
}

public sealed record ReportInView(string DepartmentCode, string Person, bool OnSite, DateTimeOffset At);

/// <summary>
/// Inline: the view is written in the same transaction as the events, so a command's answer and the
/// access checks that read it never see a stale ticket. Times come from the events, so a rebuild is exact.
/// </summary>
public sealed class TicketViewProjection : SingleStreamProjection<TicketView, Guid>
{
    public static TicketView Create(TicketReported e) => new()
    {
        Id = e.TicketId,
        Status = TicketStatus.Reported,
        Channel = e.Channel,
        Urgency = e.Urgency,
        Description = e.Description,
        VillageCode = e.VillageCode,
        GridCode = e.GridCode,
        Address = e.Address,
        CategoryCode = e.CategoryCode,
        HoldingUnitCode = e.HeldByUnitCode,
        ReportedBy = e.By.UserId,
        ReportedAt = e.At,
        LastChangedAt = e.At,
    };

    public static void Apply(TicketTriaged e, TicketView view)
    {
        view.Status = TicketStatus.Dispatched;
        view.CategoryCode = e.CategoryCode;
        view.Level = e.Level;
        view.HoldingUnitCode = e.HandlingUnitCode;
        view.HandlingTier = e.HandlingTier;
        view.LastChangedAt = e.At;
    }

    public static void Apply(TicketAccepted e, TicketView view)
    {
        view.Status = TicketStatus.InHandling;
        view.AcceptedAt ??= e.At;
        view.LastChangedAt = e.At;
    }

    public static void Apply(TicketReturned e, TicketView view)
    {
        view.Returns++;
        view.LastChangedAt = e.At;
        if (e.WhistleId is { } whistleId)
        {
            view.Whistles.Single(w => w.Id == whistleId).ReturnedBy.Add(e.ReturnedBy);
            return;
        }
        if (view.HoldingDepartmentCode is not null)
        {
            view.Status = TicketStatus.InHandling;
            view.HoldingDepartmentCode = null;
            return;
        }
        view.Status = TicketStatus.Reported;
        view.HoldingUnitCode = e.BackToUnitCode;
        view.HandlingTier = null;
    }

    public static void Apply(TicketEscalated e, TicketView view)
    {
        view.Status = TicketStatus.Dispatched;
        view.HoldingUnitCode = e.ToUnitCode;
        view.HoldingDepartmentCode = null;
        view.HandlingTier = e.ToTier;
        view.ResolvedAt = null;
        view.Escalations++;
        view.LastChangedAt = e.At;
    }

    public static void Apply(TicketTransferred e, TicketView view)
    {
        view.Status = TicketStatus.Dispatched;
        view.HoldingDepartmentCode = e.DepartmentCode;
        AddDepartment(view, e.DepartmentCode);
        view.LastChangedAt = e.At;
    }

    public static void Apply(WhistleBlown e, TicketView view)
    {
        view.Whistles.Add(new WhistleView
        {
            Id = e.WhistleId,
            BlownBy = e.BlownByUnitCode,
            BlownAt = e.At,
            ReportInDeadline = e.ReportInDeadline,
            Reason = e.Reason,
            Departments = [.. e.DepartmentCodes],
        });
        foreach (var department in e.DepartmentCodes)
            AddDepartment(view, department);
        view.LastChangedAt = e.At;
    }

    public static void Apply(DepartmentReportedIn e, TicketView view)
    {
        view.Whistles.Single(w => w.Id == e.WhistleId).ReportIns.Add(new ReportInView(e.DepartmentCode, e.Person, e.OnSite, e.At));
        view.LastChangedAt = e.At;
    }

    public static void Apply(ProgressNoted e, TicketView view) => view.LastChangedAt = e.At;

    public static void Apply(TicketResolved e, TicketView view)
    {
        view.Status = TicketStatus.Resolved;
        view.ResolvedAt = e.At;
        view.Resolution = e.Summary;
        view.Rating = null;
        view.RatingComment = null;
        view.LastChangedAt = e.At;
    }

    public static void Apply(CitizenRated e, TicketView view)
    {
        view.Rating = e.Satisfaction;
        view.RatingComment = e.Comment;
        view.LastChangedAt = e.At;
    }

    public static void Apply(TicketReopened e, TicketView view)
    {
        view.Status = TicketStatus.InHandling;
        view.ResolvedAt = null;
        view.ClosedAt = null;
        view.ClosedBecause = null;
        view.Reopenings++;
        view.LastChangedAt = e.At;
    }

    public static void Apply(TicketUrged e, TicketView view)
    {
        view.Urgings++;
        view.LastChangedAt = e.At;
    }

    public static void Apply(TicketClosed e, TicketView view)
    {
        view.Status = TicketStatus.Closed;
        view.ClosedAt = e.At;
        view.ClosedBecause = e.Because;
        view.LastChangedAt = e.At;
    }

    public static void Apply(TicketMergedInto e, TicketView view)
    {
        view.Status = TicketStatus.Merged;
        view.MergedInto = e.MasterTicketId;
        view.LastChangedAt = e.At;
    }

    public static void Apply(DuplicateAttached e, TicketView view)
    {
        view.Duplicates.Add(e.DuplicateTicketId);
        view.LastChangedAt = e.At;
    }

    public static void Apply(TicketWithdrawn e, TicketView view)
    {
        view.Status = TicketStatus.Withdrawn;
        view.LastChangedAt = e.At;
    }

    public static void Apply(CitizenDataErased e, TicketView view) => view.CitizenDataErased = true;

    private static void AddDepartment(TicketView view, string department)
    {
        if (!view.Departments.Contains(department))
            view.Departments.Add(department);
    }
}
