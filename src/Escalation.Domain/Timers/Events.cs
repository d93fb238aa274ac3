namespace Escalation.Domain.Timers;

/// <summary>The clocks a ticket runs: to accept it (签收), to resolve it at its tier, and for a summoned department to report in.</summary>
public enum Clock
{
    Accept, Resolve, ReportIn,

    /// <summary>The callback desk must call the citizen back (回访) by its limit after a resolution.</summary>
    Callback,

    /// <summary>The citizen may rate until it ends; then the ticket closes by itself (no lights: its end is not a missed deadline).</summary>
    RatingWindow,

    /// <summary>The reviewer of a request for more time (an extension) must decide it.</summary>
    ExtensionReview,

    /// <summary>While the ticket is paused (挂起), until the pause ends.</summary>
    Pause,

    /// <summary>A reported ticket must be triaged (派单).</summary>
    Triage,

    /// <summary>The whole case, from the report to the feedback to the citizen.</summary>
    Case,

    /// <summary>The reviewer of a request to pause (挂起) must decide it.</summary>
    PauseReview,
    /// <summary>A lead's co-handler, or a department at a whistle's conference, must feed back its part (joint handling, #18).</summary>
    Part,

    /// <summary>The county's fallback owner (兜底) must resolve what it took in (joint handling, #18).</summary>
    Fallback,
}

public enum Light { Yellow, Red }

/// <summary>
/// A time limit started: <paramref name="Holder"/> (a unit, or for report-in the summoned department) must act by
/// <paramref name="Deadline"/>; the yellow light goes on at <paramref name="YellowAt"/>. A newer limit on the same
/// clock (and whistle and department) replaces it. <paramref name="Measure"/> says how the limit counts time (clock or
/// working time), so that a pause can give back exactly what was left of it. <paramref name="Limit"/> and
/// <paramref name="Rule"/>: the limit as the county configured it ("30 minutes") and the setting it came from
/// ("timeLimits.resolve.general.village"); <paramref name="ReferenceVersion"/>: the version of the reference data the
/// decision read. All three are null on events recorded before they were kept, and the rule on a limit that only
/// continues an earlier one (an extension, a resumption), whose rule is the earlier limit's.
/// </summary>
public sealed record TimeLimitStarted(
    Guid TicketId,
    Actor By,
    DateTimeOffset At,
    Clock Clock,
    string Holder,
    DateTimeOffset YellowAt,
    DateTimeOffset Deadline,
    Guid? WhistleId,
    TimeLimitMeasure Measure = TimeLimitMeasure.ClockTime,
    string? Limit = null,
    string? Rule = null,
    string? ReferenceVersion = null) : ITicketEvent;

/// <summary>A warning light went on (亮灯预警): yellow when the limit is nearly spent, red at the deadline.</summary>
public sealed record WarningLightLit(
    Guid TicketId,
    Actor By,
    DateTimeOffset At,
    Clock Clock,
    Light Light,
    string Holder,
    DateTimeOffset Deadline,
    Guid? WhistleId) : ITicketEvent;

/// <summary>A summoned department did not report in by the whistle's deadline: it counts against it, and the county is told.</summary>
public sealed record ReportInMissed(
    Guid TicketId,
    Actor By,
    DateTimeOffset At,
    Guid WhistleId,
    string DepartmentCode,
    string RaisedToUnitCode) : ITicketEvent;
