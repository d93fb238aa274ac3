using Escalation.Domain;
using Escalation.Domain.Closure;
using Escalation.Domain.Escalation;
using Escalation.Domain.Intake;
using Escalation.Domain.Merging;
using Escalation.Domain.Rating;
using Escalation.Domain.Reference;
using Escalation.Domain.Resolution;
using Escalation.Domain.Supervision;
using Escalation.Domain.Timers;
using Escalation.Domain.Triage;
using Escalation.Domain.Whistle;
using Escalation.Domain.Withdrawal;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Escalation.Projections;

public enum WarningLight { None, Yellow, Red }

/// <summary>A ticket as people read it: its current state, who holds it, its whistles, its running clocks and its key moments.</summary>
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

    /// <summary>Whether the latest resolution came after the resolve deadline running then.</summary>
    public bool ResolvedLate { get; set; }

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

    /// <summary>
    /// The time limits started on the ticket, the latest of each (to accept, to resolve, each summoned department's to
    /// report in), and whether each still runs.
    /// </summary>
    public List<ClockView> Clocks { get; set; } = [];

    /// <summary>The nearest deadline of the running clocks.</summary>
    public DateTimeOffset? NextDeadline { get; set; }

    /// <summary>The brightest warning light of the running clocks.</summary>
    public WarningLight Light { get; set; }

    /// <summary>How many deadlines the ticket missed (red lights): a missed limit stays on record after the ticket moves up.</summary>
    public int MissedDeadlines { get; set; }

    public int Escalations { get; set; }
    public int Returns { get; set; }
    public int Reopenings { get; set; }
    public int Urgings { get; set; }
    public bool CitizenDataErased { get; set; }
    public DateTimeOffset LastChangedAt { get; set; }

    public static TicketView Start(TicketReported e) => new()
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

    /// <summary>Applies one later event of the stream. Everything comes from the events, times included, so a replay is exact.</summary>
    public void When(object e)
    {
        switch (e)
        {
            case TicketTriaged x: On(x); break;
            case TicketAccepted x: On(x); break;
            case TicketReturned x: On(x); break;
            case TicketEscalated x: On(x); break;
            case TicketTransferred x: On(x); break;
            case WhistleBlown x: On(x); break;
            case DepartmentReportedIn x: On(x); break;
            case ProgressNoted x: LastChangedAt = x.At; break;
            case TicketResolved x: On(x); break;
            case CitizenRated x: On(x); break;
            case TicketReopened x: On(x); break;
            case TicketUrged x: On(x); break;
            case TicketClosed x: On(x); break;
            case TicketMergedInto x: On(x); break;
            case DuplicateAttached x: On(x); break;
            case TicketWithdrawn x: On(x); break;
            case Domain.Privacy.CitizenDataErased: CitizenDataErased = true; break;
            case TimeLimitStarted x: On(x); break;
            case WarningLightLit x: On(x); break;
        }
        RunClocks();
    }

    private void On(TicketTriaged e)
    {
        Status = TicketStatus.Dispatched;
        CategoryCode = e.CategoryCode;
        Level = e.Level;
        HoldingUnitCode = e.HandlingUnitCode;
        HandlingTier = e.HandlingTier;
        LastChangedAt = e.At;
    }

    private void On(TicketAccepted e)
    {
        Status = TicketStatus.InHandling;
        AcceptedAt ??= e.At;
        LastChangedAt = e.At;
    }

    private void On(TicketReturned e)
    {
        Returns++;
        LastChangedAt = e.At;
        if (e.WhistleId is { } whistleId)
        {
            Whistles.Single(w => w.Id == whistleId).ReturnedBy.Add(e.ReturnedBy);
            return;
        }
        if (HoldingDepartmentCode is not null)
        {
            Status = TicketStatus.InHandling;
            HoldingDepartmentCode = null;
            return;
        }
        Status = TicketStatus.Reported;
        HoldingUnitCode = e.BackToUnitCode;
        HandlingTier = null;
    }

    private void On(TicketEscalated e)
    {
        Status = TicketStatus.Dispatched;
        HoldingUnitCode = e.ToUnitCode;
        HoldingDepartmentCode = null;
        HandlingTier = e.ToTier;
        ResolvedAt = null;
        Escalations++;
        LastChangedAt = e.At;
    }

    private void On(TicketTransferred e)
    {
        Status = TicketStatus.Dispatched;
        HoldingDepartmentCode = e.DepartmentCode;
        AddDepartment(e.DepartmentCode);
        LastChangedAt = e.At;
    }

    private void On(WhistleBlown e)
    {
        Whistles.Add(new WhistleView
        {
            Id = e.WhistleId,
            BlownBy = e.BlownByUnitCode,
            BlownAt = e.At,
            ReportInDeadline = e.ReportInDeadline,
            Reason = e.Reason,
            Departments = [.. e.DepartmentCodes],
        });
        foreach (var department in e.DepartmentCodes)
            AddDepartment(department);
        LastChangedAt = e.At;
    }

    private void On(DepartmentReportedIn e)
    {
        Whistles.Single(w => w.Id == e.WhistleId).ReportIns.Add(new ReportInView(e.DepartmentCode, e.Person, e.OnSite, e.At));
        LastChangedAt = e.At;
    }

    private void On(TicketResolved e)
    {
        Status = TicketStatus.Resolved;
        ResolvedAt = e.At;
        ResolvedLate = Clocks.Any(c => c.Running && c.Clock == Clock.Resolve && e.At > c.Deadline);
        Resolution = e.Summary;
        Rating = null;
        RatingComment = null;
        foreach (var whistle in Whistles)
            whistle.Open = false;
        LastChangedAt = e.At;
    }

    private void On(CitizenRated e)
    {
        Rating = e.Satisfaction;
        RatingComment = e.Comment;
        LastChangedAt = e.At;
    }

    private void On(TicketReopened e)
    {
        Status = TicketStatus.InHandling;
        ResolvedAt = null;
        ClosedAt = null;
        ClosedBecause = null;
        Reopenings++;
        LastChangedAt = e.At;
    }

    private void On(TicketUrged e)
    {
        Urgings++;
        LastChangedAt = e.At;
    }

    private void On(TicketClosed e)
    {
        Status = TicketStatus.Closed;
        ClosedAt = e.At;
        ClosedBecause = e.Because;
        LastChangedAt = e.At;
    }

    private void On(TicketMergedInto e)
    {
        Status = TicketStatus.Merged;
        MergedInto = e.MasterTicketId;
        LastChangedAt = e.At;
    }

    private void On(DuplicateAttached e)
    {
        Duplicates.Add(e.DuplicateTicketId);
        LastChangedAt = e.At;
    }

    private void On(TicketWithdrawn e)
    {
        Status = TicketStatus.Withdrawn;
        LastChangedAt = e.At;
    }

    /// <summary>A newer limit on the same clock (for report-in: the same whistle and department) replaces the older one.</summary>
    private void On(TimeLimitStarted e)
    {
        Clocks.RemoveAll(c => c.Clock == e.Clock && c.WhistleId == e.WhistleId && (e.Clock != Clock.ReportIn || c.Holder == e.Holder));
        Clocks.Add(new ClockView(e.Clock, e.Holder, e.YellowAt, e.Deadline, e.WhistleId, WarningLight.None, Running: true));
    }

    /// <summary>A light for a limit since replaced (another holder or deadline) changes nothing.</summary>
    private void On(WarningLightLit e)
    {
        var index = Clocks.FindIndex(c => c.Clock == e.Clock && c.Holder == e.Holder && c.Deadline == e.Deadline && c.WhistleId == e.WhistleId);
        var light = e.Light == Domain.Timers.Light.Red ? WarningLight.Red : WarningLight.Yellow;
        if (index < 0 || light <= Clocks[index].Light)
            return;
        Clocks[index] = Clocks[index] with { Light = light };
        if (light == WarningLight.Red)
            MissedDeadlines++;
    }

    /// <summary>
    /// A clock runs by the rule the timers act on (<see cref="RunningClock.Runs"/>).
    /// </summary>
    private void RunClocks()
    {
        var holder = HoldingDepartmentCode ?? HoldingUnitCode;
        for (var i = 0; i < Clocks.Count; i++)
        {
            var clock = Clocks[i];
            var awaited = Whistles.FirstOrDefault(w => w.Id == clock.WhistleId) is { Open: true } whistle
                && whistle.Departments.Contains(clock.Holder)
                && whistle.ReportIns.All(r => r.DepartmentCode != clock.Holder)
                && !whistle.ReturnedBy.Contains(clock.Holder);
            var runs = RunningClock.Runs(clock.Clock, clock.Holder, Status, holder, awaited);
            if (runs != clock.Running)
                Clocks[i] = clock with { Running = runs };
        }
        var running = Clocks.Where(c => c.Running).ToList();
        NextDeadline = running.Count == 0 ? null : running.Min(c => c.Deadline);
        Light = running.Count == 0 ? WarningLight.None : running.Max(c => c.Light);
    }

    private void AddDepartment(string department)
    {
        if (!Departments.Contains(department))
            Departments.Add(department);
    }
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

    /// <summary>Open until the ticket is resolved.</summary>
    public bool Open { get; set; } = true;
}

public sealed record ReportInView(string DepartmentCode, string Person, bool OnSite, DateTimeOffset At);

/// <summary>A time limit: <see cref="Holder"/> (a unit or department) must act by <see cref="Deadline"/>.</summary>
/// <param name="WhistleId">For a report-in clock, the whistle it answers.</param>
/// <param name="Light">The light the timers lit for this limit.</param>
public sealed record ClockView(Clock Clock, string Holder, DateTimeOffset YellowAt, DateTimeOffset Deadline, Guid? WhistleId, WarningLight Light, bool Running);

/// <summary>
/// Inline: the view is written in the same transaction as the events, so a command's answer and the
/// access checks that read it never see a stale ticket. The fold is the view's own, so the statistics and
/// the auditors' replay read a ticket's past exactly as the live view was built.
/// </summary>
public sealed class TicketViewProjection : SingleStreamProjection<TicketView, Guid>
{
    public override TicketView? Evolve(TicketView? snapshot, Guid id, IEvent e)
    {
        if (snapshot is null)
            return e.Data is TicketReported reported ? TicketView.Start(reported) : null;
        snapshot.When(e.Data);
        return snapshot;
    }
}
