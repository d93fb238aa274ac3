using Escalation.Domain.Closure;
using Escalation.Domain.Escalation;
using Escalation.Domain.Extension;
using Escalation.Domain.Intake;
using Escalation.Domain.Merging;
using Escalation.Domain.Pause;
using Escalation.Domain.Privacy;
using Escalation.Domain.Rating;
using Escalation.Domain.Reference;
using Escalation.Domain.Resolution;
using Escalation.Domain.Timers;
using Escalation.Domain.Triage;
using Escalation.Domain.Whistle;
using Escalation.Domain.Withdrawal;

namespace Escalation.Domain;

/// <summary>
/// One citizen request, as far as decisions need it. Built from its events: <see cref="Start"/> then
/// <see cref="Evolve"/> for each later event, or <see cref="Replay"/> for a whole stream.
/// </summary>
public sealed partial record Ticket
{
    /// <summary>The states in which a ticket is still open: not closed, withdrawn or merged.</summary>
    public static readonly TicketStatus[] OpenStates =
        [TicketStatus.Reported, TicketStatus.Dispatched, TicketStatus.InHandling, TicketStatus.Resolved];

    public Guid Id { get; init; }

    /// <summary>The number people read over the phone (e.g. SC20261201-0042); none on tickets opened before numbers.</summary>
    public string? Number { get; init; }

    public TicketStatus Status { get; init; }

    /// <summary>The unit in charge; the county while one of its departments holds the ticket.</summary>
    public string HoldingUnitCode { get; init; } = "";

    /// <summary>The department holding the ticket after a transfer, if any.</summary>
    public string? HoldingDepartmentCode { get; init; }

    /// <summary>The tier handling the ticket; none while it awaits triage.</summary>
    public Tier? HandlingTier { get; init; }

    /// <summary>The unit that triaged or transferred the ticket to its holder: a return goes back there. None after an escalation.</summary>
    public string? DispatchedByUnitCode { get; init; }

    public string VillageCode { get; init; } = "";

    public string? CategoryCode { get; init; }

    public IReadOnlyList<OpenWhistle> OpenWhistles { get; init; } = [];

    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>The citizen's rating of the latest resolution.</summary>
    public Satisfaction? Rating { get; init; }

    public Guid? MergedInto { get; init; }

    public IReadOnlyList<Guid> Duplicates { get; init; } = [];

    public bool CitizenDataErased { get; init; }

    public Urgency Urgency { get; init; }

    /// <summary>The time limits running on the ticket, each with the light it has reached.</summary>
    public IReadOnlyList<RunningClock> Clocks { get; init; } = [];

    /// <summary>When the citizen's request was recorded: the whole case's limit counts from it.</summary>
    public DateTimeOffset ReportedAt { get; init; }

    /// <summary>When the ticket was last dispatched to its holder by triage or transfer: a return (退单) is time-boxed from it.</summary>
    public DateTimeOffset? DispatchedAt { get; init; }

    /// <summary>The extension (延期) last asked for, until it is decided.</summary>
    public ExtensionRequest? PendingExtension { get; init; }

    /// <summary>How many extensions were approved on the ticket.</summary>
    public int ExtensionsGranted { get; init; }

    /// <summary>The pending extension while the limit it is for still runs; once that limit passed or stopped, it lapsed.</summary>
    public ExtensionRequest? LiveExtension =>
        PendingExtension is { } p && FindLimit(p.Clock, p.Holder, p.Deadline, p.WhistleId) is { } limit && Runs(limit) ? p : null;

    /// <summary>The pause (挂起) last asked for, until it is decided.</summary>
    public PauseRequest? PendingPause { get; init; }

    /// <summary>The pause in force, if the ticket is paused: its holder's clock to resolve stands still.</summary>
    public PauseState? Paused { get; init; }

    /// <summary>How long the case was paused in all, pauses that ended only.</summary>
    public TimeSpan PausedTotal { get; init; }

    /// <summary>The pending pause while its holder still handles the ticket and it is not paused.</summary>
    public PauseRequest? LivePause =>
        PendingPause is { } p && Status == TicketStatus.InHandling && Holder == p.Holder && Paused is null ? p : null;
    /// <summary>The callback desk's unanswered calls since the latest resolution.</summary>
    public int CallbackAttempts { get; init; }

    /// <summary>The citizen could not be reached about the latest resolution: it closes without a rating.</summary>
    public bool Unreachable { get; init; }

    /// <summary>The return (退单) last asked for where returns are reviewed, until it is decided.</summary>
    public PendingReturn? PendingReturn { get; init; }

    /// <summary>The pending return while the holder that asked still has the ticket.</summary>
    public PendingReturn? LiveReturn =>
        PendingReturn is { } p && Status is TicketStatus.Dispatched or TicketStatus.InHandling && Holder == p.Holder ? p : null;

    /// <summary>The units the ticket was escalated from, the latest last: a return to the raiser sends it back to that one.</summary>
    public IReadOnlyList<RaisedFrom> RaisedFrom { get; init; } = [];

    /// <summary>Who acts on the ticket: the holding department, else the holding unit.</summary>
    public string Holder => HoldingDepartmentCode ?? HoldingUnitCode;

    public OpenWhistle? FindWhistle(Guid whistleId) => OpenWhistles.FirstOrDefault(w => w.Id == whistleId);

    /// <summary>Whether a summoned department is still awaited at a whistle: summoned by it while it is open, and neither reported in nor returned.</summary>
    public bool Awaits(string departmentCode, Guid whistleId) =>
        FindWhistle(whistleId) is { } whistle && whistle.Summons(departmentCode) && !whistle.IsAnsweredBy(departmentCode);

    /// <summary>
    /// Whether a clock runs: the rule the timers act on and the board shows. To accept while the ticket waits for the
    /// clock's holder to sign for it; to resolve while that holder handles it; to report in while the ticket is being
    /// handled and the department is still awaited.
    /// </summary>
    public bool Runs(RunningClock clock) => clock.Clock switch
    {
        Clock.Accept => Status == TicketStatus.Dispatched && clock.Holder == Holder,
        Clock.Resolve => Status == TicketStatus.InHandling && clock.Holder == Holder && Paused is null,
        Clock.ExtensionReview => LiveExtension?.ReviewerUnitCode == clock.Holder,
        Clock.Pause => Paused?.Holder == clock.Holder,
        Clock.Triage => Status == TicketStatus.Reported && clock.Holder == Holder,
        Clock.Case => Status is TicketStatus.Reported or TicketStatus.Dispatched or TicketStatus.InHandling && Paused is null,
        Clock.Callback => Status == TicketStatus.Resolved && Rating is null && !Unreachable,
        Clock.RatingWindow => Status == TicketStatus.Resolved,
        Clock.PauseReview => LivePause?.ReviewerUnitCode == clock.Holder,
        // Joint handling (#18): a part's limit (its whistle id is the part's id) runs until the part is fed back.
        Clock.Part => Status is TicketStatus.Dispatched or TicketStatus.InHandling && clock.WhistleId is { } partId && Joint.FindPart(partId) is { FedBack: false },
        Clock.Fallback => Status is TicketStatus.Dispatched or TicketStatus.InHandling && Holder == clock.Holder && Joint.FallbackOwner == clock.Holder,
        _ => Status is TicketStatus.Dispatched or TicketStatus.InHandling && Paused is null && clock.WhistleId is { } whistleId && Awaits(clock.Holder, whistleId),
    };

    /// <summary>
    /// Whether the ticket's pause is all that stops a clock: the holder's clock to resolve, a summoned department's to
    /// report in and the whole case's stand still while paused, and run again, with what was left, when it ends.
    /// </summary>
    public bool IsHeldByPause(RunningClock clock) =>
        Paused is not null && clock.Clock is Clock.Resolve or Clock.ReportIn or Clock.Case && (this with { Paused = null }).Runs(clock);

    /// <summary>The running clock a timer or a light was meant for, if it is still the latest limit of its clock.</summary>
    public RunningClock? FindLimit(Clock clock, string holder, DateTimeOffset deadline, Guid? whistleId) =>
        Clocks.FirstOrDefault(c => c.IsLimit(clock, holder, deadline, whistleId));

    public static Ticket Start(TicketReported e) => new()
    {
        Id = e.TicketId,
        Status = TicketStatus.Reported,
        HoldingUnitCode = e.HeldByUnitCode,
        VillageCode = e.VillageCode,
        CategoryCode = e.CategoryCode,
        Urgency = e.Urgency,
        ReportedAt = e.At,
        Number = e.Number,
    };

    /// <summary>Folds a stream that starts with <see cref="TicketReported"/>.</summary>
    public static Ticket Replay(IEnumerable<object> events)
    {
        var stream = events.ToList();
        return stream.Skip(1).Aggregate(Start((TicketReported)stream[0]), (ticket, e) => ticket.Evolve(e));
    }

    public Ticket Evolve(object e) => Joining(e, EndingPause(e, Dispatching(e, e switch
    {
        TicketTriaged x => On(x),
        TicketAccepted x => On(x),
        TicketReturned x => On(x),
        TicketEscalated x => On(x),
        TicketTransferred x => On(x),
        WhistleBlown x => On(x),
        DepartmentReportedIn x => On(x),
        TicketResolved x => On(x),
        CitizenRated x => On(x),
        TicketReopened x => On(x),
        TicketClosed x => On(x),
        TicketMergedInto x => On(x),
        DuplicateAttached x => On(x),
        TicketWithdrawn x => On(x),
        CitizenDataErased x => On(x),
        TimeLimitStarted x => On(x),
        WarningLightLit x => On(x),
        ExtensionRequested x => this with { PendingExtension = ExtensionRequest.Of(x) },
        ExtensionApproved => this with { PendingExtension = null, ExtensionsGranted = ExtensionsGranted + 1 },
        ExtensionRefused => this with { PendingExtension = null },
        PauseRequested x => this with { PendingPause = new PauseRequest(x.Awaiting, x.Reason, x.Until, x.Holder, x.ReviewerUnitCode) },
        PauseApproved x => this with
        {
            PendingPause = null,
            Paused = new PauseState(x.At, x.Until, PendingPause?.Awaiting ?? PauseAwaiting.Citizen, PendingPause?.Reason ?? "", Holder),
        },
        PauseRefused => this with { PendingPause = null },
        TicketResumed x => this with { Paused = null, PausedTotal = PausedTotal + (x.At - x.PausedSince) },
        CallbackUnanswered x => this with { CallbackAttempts = x.Attempt },
        CitizenUnreachable => this with { Unreachable = true },
        ReturnRequested x => this with { PendingReturn = Triage.PendingReturn.Of(x) },
        ReturnApproved or ReturnRefused => this with { PendingReturn = null },
        TicketReturnedToRaiser x => this with
        {
            Status = TicketStatus.Dispatched,
            HoldingUnitCode = x.ToUnitCode,
            HandlingTier = x.ToTier,
            RaisedFrom = [.. RaisedFrom.Take(RaisedFrom.Count - 1)],
        },
        MatterChanged x => this with { CategoryCode = x.ToCategoryCode },
        _ => this,
    })));

    /// <summary>A triage or a transfer dispatches the ticket to its holder now: the window for a return opens.</summary>
    private static Ticket Dispatching(object e, Ticket next) =>
        e is TicketTriaged or TicketTransferred ? next with { DispatchedAt = ((ITicketEvent)e).At } : next;

    /// <summary>A pause holds only while its holder handles the ticket: whatever takes it elsewhere (resolved, escalated, returned, closed) ends it, and its time counts.</summary>
    private static Ticket EndingPause(object e, Ticket next) =>
        next.Paused is { } p && !(next.Status == TicketStatus.InHandling && next.Holder == p.Holder) && e is ITicketEvent { At: var at }
            ? next with { Paused = null, PausedTotal = next.PausedTotal + (at - p.Since) }
            : next;

    private Ticket On(TicketTriaged e) => this with
    {
        RaisedFrom = [],
        Status = TicketStatus.Dispatched,
        CategoryCode = e.CategoryCode,
        HoldingUnitCode = e.HandlingUnitCode,
        HandlingTier = e.HandlingTier,
        DispatchedByUnitCode = e.DispatchedByUnitCode,
    };

    private Ticket On(TicketAccepted e) => this with { Status = TicketStatus.InHandling };

    private Ticket On(TicketReturned e)
    {
        if (e.WhistleId is { } whistleId)
            return WithWhistle(whistleId, w => w with { Returned = [.. w.Returned, e.ReturnedBy] });

        // Only transfers dispatch to departments: a department's return lands back in the county's hands.
        if (HoldingDepartmentCode is not null)
            return this with { Status = TicketStatus.InHandling, HoldingDepartmentCode = null, DispatchedByUnitCode = null };

        return this with
        {
            Status = TicketStatus.Reported,
            HoldingUnitCode = e.BackToUnitCode,
            HandlingTier = null,
            DispatchedByUnitCode = null,
        };
    }

    private Ticket On(TicketEscalated e) => this with
    {
        RaisedFrom = [.. RaisedFrom, new RaisedFrom(e.FromUnitCode, e.FromTier)],
        Status = TicketStatus.Dispatched,
        HoldingUnitCode = e.ToUnitCode,
        HoldingDepartmentCode = null,
        HandlingTier = e.ToTier,
        DispatchedByUnitCode = null,
        ResolvedAt = null,
    };

    private Ticket On(TicketTransferred e) => this with
    {
        Status = TicketStatus.Dispatched,
        HoldingDepartmentCode = e.DepartmentCode,
        DispatchedByUnitCode = e.DispatchedByUnitCode,
    };

    private Ticket On(WhistleBlown e) => this with
    {
        OpenWhistles = [.. OpenWhistles, new OpenWhistle(e.WhistleId, e.BlownByUnitCode, e.DepartmentCodes, [], [])],
    };

    private Ticket On(DepartmentReportedIn e) =>
        WithWhistle(e.WhistleId, w => w with { ReportedIn = [.. w.ReportedIn, e.DepartmentCode] });

    private Ticket On(TicketResolved e) => this with
    {
        Status = TicketStatus.Resolved,
        ResolvedAt = e.At,
        Rating = null,
        CallbackAttempts = 0,
        Unreachable = false,
        OpenWhistles = [],
    };

    private Ticket On(CitizenRated e) => this with { Rating = e.Satisfaction };

    private Ticket On(TicketReopened e) => this with { Status = TicketStatus.InHandling, ResolvedAt = null };

    private Ticket On(TicketClosed e) => this with { Status = TicketStatus.Closed };

    private Ticket On(TicketMergedInto e) => this with { Status = TicketStatus.Merged, MergedInto = e.MasterTicketId };

    private Ticket On(DuplicateAttached e) => this with { Duplicates = [.. Duplicates, e.DuplicateTicketId] };

    private Ticket On(TicketWithdrawn e) => this with { Status = TicketStatus.Withdrawn };

    private Ticket On(CitizenDataErased e) => this with { CitizenDataErased = true };

    private Ticket On(TimeLimitStarted e) => this with
    {
        Clocks = [.. Clocks.Where(c => !c.IsSameAs(e.Clock, e.Holder, e.WhistleId)), new RunningClock(e.Clock, e.Holder, e.WhistleId, e.YellowAt, e.Deadline, null, e.Measure, e.At)],
    };

    /// <summary>A light counts only for the limit it was lit for, and a light never goes back from red to yellow.</summary>
    private Ticket On(WarningLightLit e) => this with
    {
        Clocks = [.. Clocks.Select(c => c.IsLimit(e.Clock, e.Holder, e.Deadline, e.WhistleId) && !(c.Lit >= e.Light) ? c with { Lit = e.Light } : c)],
    };

    private Ticket WithWhistle(Guid whistleId, Func<OpenWhistle, OpenWhistle> change) => this with
    {
        OpenWhistles = [.. OpenWhistles.Select(w => w.Id == whistleId ? change(w) : w)],
    };
}
