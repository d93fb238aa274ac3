using Escalation.Domain.Joint;
using Escalation.Domain.Timers;
using Escalation.Domain.Triage;
using Escalation.Domain.Whistle;

namespace Escalation.Projections.Joint;

/// <summary>
/// What people read of a ticket's joint handling (#18): each whistle's attendance record (报到情况记录单) and the steps
/// after report-in, every part (a co-handler's or a conference's) and how it was fed back. The assessment reads it.
/// Everything from the events, times included.
/// </summary>
public sealed class JointView
{
    public List<JointWhistleView> Whistles { get; set; } = [];
    public List<PartView> Parts { get; set; } = [];

    /// <summary>The earliest whistle or co-handler dispatch: the assessment looks for tickets with joint work in a period by it.</summary>
    public DateTimeOffset? FirstAt { get; set; }

    /// <summary>The latest whistle or co-handler dispatch.</summary>
    public DateTimeOffset? LastAt { get; set; }

    public void When(object e)
    {
        switch (e)
        {
            case WhistleBlown x:
                Whistles.Add(new JointWhistleView
                {
                    Id = x.WhistleId, BlownBy = x.BlownByUnitCode, BlownByUser = x.By.UserId, BlownAt = x.At,
                    ReportInDeadline = x.ReportInDeadline, Reason = x.Reason, Summoned = [.. x.DepartmentCodes],
                });
                Engaged(x.At);
                break;
            case DepartmentReportedIn x:
                Whistle(x.WhistleId)?.ReportIns.Add(new ReportInRecord(x.DepartmentCode, x.Person, x.OnSite, x.At, x.Note));
                break;
            case ReportInMissed x:
                Whistle(x.WhistleId)?.Missed.Add(x.DepartmentCode);
                break;
            case TicketReturned { WhistleId: { } whistleId } x:
                Whistle(whistleId)?.Returns.Add(new SummonsReturn(x.ReturnedBy, x.Reason, x.At));
                break;
            case ConferenceHeld x when Whistle(x.WhistleId) is { } whistle:
                whistle.Conference = new ConferenceRecord(x.At, x.By.UserId, [.. x.Participants], x.Minutes);
                Parts.AddRange(x.Parts.Select(p => new PartView
                {
                    Id = p.PartId, WhistleId = x.WhistleId, Party = p.Party, Task = p.Task, Due = p.Due, AssignedBy = x.WhistlerUnitCode, AssignedAt = x.At,
                }));
                break;
            case CoHandlersNamed x:
                Parts.AddRange(x.Parts.Select(p => new PartView
                {
                    Id = p.PartId, Party = p.Party, Task = p.Task, Due = p.Due, AssignedBy = x.By.UnitCode, AssignedAt = x.At, Lead = x.LeadCode,
                }));
                Engaged(x.At);
                break;
            case PartFedBack x when Parts.Find(p => p.Id == x.PartId) is { } part:
                (part.FedBackAt, part.FedBackBy, part.Note) = (x.At, x.By.UserId, x.Note);
                break;
            case PartsOverridden x:
                foreach (var part in Parts.Where(p => x.PartIds.Contains(p.Id)))
                    part.Overridden = x.Reason;
                break;
            case DepartmentEvaluated x:
                Whistle(x.WhistleId)?.Evaluations.Add(new DepartmentEvaluation(x.DepartmentCode, x.OnTime, x.Attitude, x.Result, x.Score, x.Comment, x.At));
                break;
            case WhistleEvaluated x:
                Whistle(x.WhistleId)?.Judgements.Add(new WhistleJudgement(x.DepartmentCode, x.Justified, x.WithinWhistlerPowers, x.Frivolous, x.Comment, x.At));
                break;
        }
    }

    public JointWhistleView? Whistle(Guid id) => Whistles.Find(w => w.Id == id);

    private void Engaged(DateTimeOffset at)
    {
        FirstAt = FirstAt is { } first && first <= at ? first : at;
        LastAt = LastAt is { } last && last >= at ? last : at;
    }
}

/// <summary>One whistle and its steps: who was summoned, who came and when, the conference, the evaluations both ways.</summary>
public sealed class JointWhistleView
{
    public Guid Id { get; set; }
    public string BlownBy { get; set; } = "";
    public string BlownByUser { get; set; } = "";
    public DateTimeOffset BlownAt { get; set; }
    public DateTimeOffset ReportInDeadline { get; set; }
    public string Reason { get; set; } = "";
    public List<string> Summoned { get; set; } = [];
    public List<ReportInRecord> ReportIns { get; set; } = [];
    public List<string> Missed { get; set; } = [];
    public List<SummonsReturn> Returns { get; set; } = [];
    public ConferenceRecord? Conference { get; set; }
    public List<DepartmentEvaluation> Evaluations { get; set; } = [];
    public List<WhistleJudgement> Judgements { get; set; } = [];
}

public sealed record ReportInRecord(string Party, string Person, bool OnSite, DateTimeOffset At, string? Note);

public sealed record SummonsReturn(string Party, string Reason, DateTimeOffset At);

public sealed record ConferenceRecord(DateTimeOffset At, string HeldBy, IReadOnlyList<string> Participants, string Minutes);

public sealed record DepartmentEvaluation(string Party, bool OnTime, int Attitude, int Result, int Score, string? Comment, DateTimeOffset At);

public sealed record WhistleJudgement(string Party, bool Justified, bool WithinWhistlerPowers, bool Frivolous, string? Comment, DateTimeOffset At);

/// <summary>A part: whose, what, by when, who agreed it, and its feedback (or why the lead resolved without it).</summary>
public sealed class PartView
{
    public Guid Id { get; set; }

    /// <summary>The whistle whose conference agreed it; none for a co-handler's part.</summary>
    public Guid? WhistleId { get; set; }

    /// <summary>For a co-handler's part, the lead beside it.</summary>
    public string? Lead { get; set; }

    public string Party { get; set; } = "";
    public string Task { get; set; } = "";
    public DateTimeOffset Due { get; set; }
    public string AssignedBy { get; set; } = "";
    public DateTimeOffset AssignedAt { get; set; }
    public DateTimeOffset? FedBackAt { get; set; }
    public string? FedBackBy { get; set; }
    public string? Note { get; set; }
    public string? Overridden { get; set; }

    public bool OnTime => FedBackAt is { } at && at <= Due;
}
