using Escalation.Domain;
using Escalation.Domain.Closure;
using Escalation.Domain.Escalation;
using Escalation.Domain.Intake;
using Escalation.Domain.Rating;
using Escalation.Domain.Reference;
using Escalation.Domain.Resolution;
using Escalation.Domain.Supervision;
using Escalation.Domain.Timers;
using Escalation.Domain.Triage;
using Escalation.Domain.Whistle;
using JasperFx.Events;
using JasperFx.Events.Grouping;
using Marten;
using Marten.Events.Aggregation;

namespace Escalation.Projections;

public enum WarningLight { None, Yellow, Red }

/// <summary>
/// A ticket as people read it. Its <see cref="State"/> is the domain's own <see cref="Ticket"/>, folded by the domain:
/// where the ticket stands, who holds it and which clocks run are read from it, never decided again here. The view adds
/// only what people read and the decisions do not need: the request's text, its key moments, its whistles' attendance,
/// and counters.
/// </summary>
public sealed class TicketView
{
    public Guid Id { get; set; }
    public long Version { get; set; }

    /// <summary>The ticket as the domain's decisions see it.</summary>
    public Ticket State { get; set; } = null!;

    public TicketStatus Status => State.Status;
    public Urgency Urgency => State.Urgency;
    public string VillageCode => State.VillageCode;
    public string? CategoryCode => State.CategoryCode;
    public string HoldingUnitCode => State.HoldingUnitCode;
    public string? HoldingDepartmentCode => State.HoldingDepartmentCode;
    public Tier? HandlingTier => State.HandlingTier;
    public DateTimeOffset? ResolvedAt => State.ResolvedAt;
    public Satisfaction? Rating => State.Rating;
    public Guid? MergedInto => State.MergedInto;
    public IReadOnlyList<Guid> Duplicates => State.Duplicates;
    public bool CitizenDataErased => State.CitizenDataErased;

    /// <summary>The number people read out (SC20261201-0042); null on tickets opened before numbers existed.</summary>
    public string? Number { get; set; }

    public Channel Channel { get; set; }
    public string Description { get; set; } = "";
    public string? GridCode { get; set; }
    public string? Address { get; set; }
    public int? Level { get; set; }
    public string ReportedBy { get; set; } = "";
    public DateTimeOffset ReportedAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }

    /// <summary>Whether the latest resolution came after the resolve deadline running then.</summary>
    public bool ResolvedLate { get; set; }

    public string? Resolution { get; set; }
    public string? RatingComment { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public ClosedBecause? ClosedBecause { get; set; }
    public List<WhistleView> Whistles { get; set; } = [];

    /// <summary>Every department a whistle or a transfer ever named: each may see the ticket.</summary>
    public List<string> Departments { get; set; } = [];

    /// <summary>
    /// The time limits started on the ticket, the latest of each (to accept, to resolve, each summoned department's to
    /// report in), the light each reached, and whether each still runs (<see cref="Ticket.Runs"/>).
    /// </summary>
    public IReadOnlyList<ClockView> Clocks =>
        [.. State.Clocks.Select(c => new ClockView(c.Clock, c.Holder, c.YellowAt, c.Deadline, c.WhistleId, LightOf(c.Lit), State.Runs(c)))];

    /// <summary>The nearest deadline of the running clocks.</summary>
    public DateTimeOffset? NextDeadline => Clocks.Where(c => c.Running).Select(c => (DateTimeOffset?)c.Deadline).Min();

    /// <summary>The brightest warning light of the running clocks.</summary>
    public WarningLight Light => Clocks.Where(c => c.Running).Select(c => c.Light).DefaultIfEmpty(WarningLight.None).Max();

    /// <summary>Who acts on the ticket: the holding department, else the holding unit (a queue's holder filter).</summary>
    public string Holder => State.Holder;

    /// <summary>The departments whose clock to report in runs: the ticket waits in their 待报到 queue.</summary>
    public IReadOnlyList<string> AwaitingReportIn =>
        [.. Clocks.Where(c => c.Running && c.Clock == Clock.ReportIn).Select(c => c.Holder).Distinct()];

    /// <summary>How many deadlines the ticket missed (red lights): a missed limit stays on record after the ticket moves up.</summary>
    public int MissedDeadlines { get; set; }

    public int Escalations { get; set; }
    public int Returns { get; set; }
    public int Reopenings { get; set; }
    public int Urgings { get; set; }
    public DateTimeOffset LastChangedAt { get; set; }

    /// <summary>The callback's first question about the latest resolution (解决): whether the citizen says it was solved; null when not asked.</summary>
    public bool? Solved { get; set; }

    /// <summary>Time in the air: the current flight between units before a sign-for, its bounces, and the flights so far.</summary>
    public AirTime Air { get; set; } = new();
    /// <summary>Joint handling (#18): the whistles' steps after report-in, and every part and its feedback.</summary>
    public Joint.JointView Joint { get; set; } = new();

    /// <summary>The person the holding unit named to handle the ticket: their "mine" queue.</summary>
    public string? HandlerUserId => State.HandlerUserId;

    public static TicketView Start(TicketReported e) => new()
    {
        Id = e.TicketId,
        State = Ticket.Start(e),
        Number = e.Number,
        Channel = e.Channel,
        Description = e.Description,
        GridCode = e.GridCode,
        Address = e.Address,
        ReportedBy = e.By.UserId,
        ReportedAt = e.At,
        LastChangedAt = e.At,
    };

    /// <summary>
    /// Applies one later event of the stream: first what the view keeps of its own (read against the ticket as it stood
    /// just before), then the domain's fold. Everything comes from the events, times included, so a replay is exact.
    /// </summary>
    public void When(object e)
    {
        if (e is ITicketEvent { At: var at } && e is not (TimeLimitStarted or WarningLightLit or ReportInMissed or Domain.Privacy.CitizenDataErased))
            LastChangedAt = at;
        switch (e)
        {
            case TicketTriaged x: Level = x.Level; break;
            case TicketAccepted x: AcceptedAt ??= x.At; break;
            case TicketReturned x: On(x); break;
            case TicketEscalated: Escalations++; break;
            case TicketTransferred x: AddDepartment(x.DepartmentCode); break;
            case WhistleBlown x: On(x); break;
            case DepartmentReportedIn x:
                Whistles.Single(w => w.Id == x.WhistleId).ReportIns.Add(new ReportInView(x.DepartmentCode, x.Person, x.OnSite, x.At));
                break;
            case TicketResolved x: On(x); break;
            case CitizenRated x: (RatingComment, Solved) = (x.Comment, x.Solved); break;
            case TicketReopened: On(); break;
            case TicketUrged: Urgings++; break;
            case TicketClosed x: (ClosedAt, ClosedBecause) = (x.At, x.Because); break;
            case WarningLightLit x: On(x); break;
            case Domain.Privacy.CitizenDataErased: OnErased(); break;
            case MatterChanged x: Level = x.Level; break;
            case Domain.Joint.CoHandlersNamed x:
                foreach (var part in x.Parts)
                    AddDepartment(part.Party);
                break;
            case Domain.Joint.FallbackAssigned { OwnerIsDepartment: true } x: AddDepartment(x.OwnerCode); break;
        }
        Air.When(State, e);
        Joint.When(e);
        State = State.Evolve(e);
        foreach (var whistle in Whistles)
            whistle.Open = State.FindWhistle(whistle.Id) is not null;
    }

    private void On(TicketReturned e)
    {
        Returns++;
        if (e.WhistleId is { } whistleId)
            Whistles.Single(w => w.Id == whistleId).ReturnedBy.Add(e.ReturnedBy);
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
    }

    private void On(TicketResolved e)
    {
        ResolvedLate = State.Clocks.Any(c => c.Clock == Clock.Resolve && State.Runs(c) && e.At > c.Deadline);
        Resolution = e.Summary;
        RatingComment = null;
        Solved = null;
    }

    private void On()
    {
        ClosedAt = null;
        ClosedBecause = null;
        Reopenings++;
    }

    /// <summary>The citizen's free text gives way to the placeholder: the search and every list read this view.</summary>
    private void OnErased()
    {
        Description = Domain.Privacy.CitizenSupplied.Erased;
        Address = Address is null ? null : Domain.Privacy.CitizenSupplied.Erased;
        RatingComment = RatingComment is null ? null : Domain.Privacy.CitizenSupplied.Erased;
    }

    /// <summary>A red light for the limit it was lit for, and not lit before, is a missed deadline; a light for a replaced limit counts nothing.</summary>
    private void On(WarningLightLit e)
    {
        if (e.Light == Domain.Timers.Light.Red && State.FindLimit(e.Clock, e.Holder, e.Deadline, e.WhistleId) is { Lit: not Domain.Timers.Light.Red })
            MissedDeadlines++;
    }

    private static WarningLight LightOf(Light? lit) => lit switch
    {
        Domain.Timers.Light.Red => WarningLight.Red,
        Domain.Timers.Light.Yellow => WarningLight.Yellow,
        _ => WarningLight.None,
    };

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
    /// <summary>
    /// A rebuild reads the events as stored, without the citizen's text (<see cref="Privacy.CitizenTexts"/>): it is put
    /// back from what is kept, one query per batch, or the placeholder where it was erased. Appends never need it: their
    /// events still carry the text in memory.
    /// </summary>
    public override async Task EnrichEventsAsync(SliceGroup<TicketView, Guid> group, IQuerySession querySession, CancellationToken cancellation)
    {
        var lacking = group.Slices.Where(slice => slice.Events().Any(Privacy.CitizenTexts.Lacks)).ToList();
        if (lacking.Count == 0)
            return;
        var kept = await Privacy.CitizenTexts.LoadAsync(querySession, lacking.Select(slice => slice.Id), cancellation);
        foreach (var slice in lacking)
        {
            foreach (var e in slice.Events().Where(Privacy.CitizenTexts.Lacks).ToList())
                slice.ReplaceEvent(e, Privacy.CitizenTexts.Filled(e, kept));
        }
    }

    public override TicketView? Evolve(TicketView? snapshot, Guid id, IEvent e)
    {
        if (snapshot is null)
            return e.Data is TicketReported reported ? TicketView.Start(reported) : null;
        snapshot.When(e.Data);
        return snapshot;
    }
}
