namespace Escalation.Domain.Joint;

/// <summary>A part of the work agreed for one party (a department, or a summoned township): what it must do and by when.</summary>
/// <param name="PartId">Chosen by the host, so the party can feed back this part.</param>
public sealed record AgreedPart(Guid PartId, string Party, string Task, DateTimeOffset Due);

/// <summary>
/// The whistling unit held the conference (会商) after report-in: who took part, the minutes, and the parts agreed (who
/// does what by when); each part starts a clock of its own.
/// </summary>
public sealed record ConferenceHeld(
    Guid TicketId,
    Actor By,
    DateTimeOffset At,
    Guid WhistleId,
    string WhistlerUnitCode,
    IReadOnlyList<string> Participants,
    string Minutes,
    IReadOnlyList<AgreedPart> Parts) : ITicketEvent;

/// <summary>
/// A dispatch named its lead (牵头: the unit or department it went to) and co-handlers (协办), each with its part and
/// its own clock.
/// </summary>
public sealed record CoHandlersNamed(
    Guid TicketId,
    Actor By,
    DateTimeOffset At,
    string LeadCode,
    IReadOnlyList<AgreedPart> Parts) : ITicketEvent;

/// <summary>A party carried out its part (落实) and fed back (反馈); <paramref name="Due"/> is the part's limit, so lateness reads from the event.</summary>
/// <param name="WhistleId">The whistle whose conference agreed the part; none for a co-handler's part.</param>
/// <param name="AssignedBy">The unit that agreed the part: the whistling unit, or the dispatcher that named the co-handler.</param>
public sealed record PartFedBack(
    Guid TicketId,
    Actor By,
    DateTimeOffset At,
    Guid PartId,
    Guid? WhistleId,
    string Party,
    string AssignedBy,
    DateTimeOffset Due,
    string Note) : ITicketEvent;

/// <summary>The lead resolved with parts not fed back, as the county allows, and said why.</summary>
public sealed record PartsOverridden(Guid TicketId, Actor By, DateTimeOffset At, IReadOnlyList<Guid> PartIds, string Reason) : ITicketEvent;

/// <summary>The whistling unit evaluated (评价) a summoned department: on time, attitude and result (1–5), and a score (0–100).</summary>
public sealed record DepartmentEvaluated(
    Guid TicketId,
    Actor By,
    DateTimeOffset At,
    Guid WhistleId,
    string WhistlerUnitCode,
    string DepartmentCode,
    bool OnTime,
    int Attitude,
    int Result,
    int Score,
    string? Comment) : ITicketEvent;

/// <summary>
/// A summoned department evaluated the whistle: whether it was justified, and whether the matter was within the
/// whistling unit's own powers. A whistle unjustified or within the whistler's own powers is frivolous and counts
/// against the whistler.
/// </summary>
public sealed record WhistleEvaluated(
    Guid TicketId,
    Actor By,
    DateTimeOffset At,
    Guid WhistleId,
    string WhistlerUnitCode,
    string DepartmentCode,
    bool Justified,
    bool WithinWhistlerPowers,
    bool Frivolous,
    string? Comment) : ITicketEvent;

/// <summary>The matter's county dispatcher found no unit or department for it: it went to the county's fallback owner (兜底).</summary>
/// <param name="OwnerIsDepartment">The owner is a department (it holds the ticket as after a transfer), else a unit.</param>
/// <param name="Tier">The tier the owner handles it at.</param>
public sealed record FallbackAssigned(
    Guid TicketId,
    Actor By,
    DateTimeOffset At,
    string OwnerCode,
    bool OwnerIsDepartment,
    Reference.Tier Tier,
    string Reason) : ITicketEvent;

/// <summary>
/// The holding unit (or department) named the person within it who handles the ticket; a second one is a reassignment
/// and names who had it.
/// </summary>
public sealed record HandlerAssigned(
    Guid TicketId,
    Actor By,
    DateTimeOffset At,
    string UnitCode,
    string UserId,
    string? PreviousUserId) : ITicketEvent;
