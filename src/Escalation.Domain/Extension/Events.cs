using Escalation.Domain.Timers;

namespace Escalation.Domain.Extension;

/// <summary>
/// The holder of a running limit asked for more time (延期) before it passed: <paramref name="Deadline"/> is the limit's
/// deadline then, <paramref name="RequestedDeadline"/> the one asked for; <paramref name="ReviewerUnitCode"/> decides.
/// </summary>
public sealed record ExtensionRequested(
    Guid TicketId,
    Actor By,
    DateTimeOffset At,
    Clock Clock,
    string Holder,
    Guid? WhistleId,
    DateTimeOffset Deadline,
    DateTimeOffset RequestedDeadline,
    string Reason,
    string ReviewerUnitCode) : ITicketEvent;

/// <summary>The reviewer approved the extension: the limit's deadline moves to <paramref name="NewDeadline"/>, its yellow light with it.</summary>
public sealed record ExtensionApproved(
    Guid TicketId,
    Actor By,
    DateTimeOffset At,
    Clock Clock,
    string Holder,
    Guid? WhistleId,
    DateTimeOffset Deadline,
    DateTimeOffset NewDeadline,
    string? Note) : ITicketEvent;

/// <summary>The reviewer refused the extension: the limit stays as it was.</summary>
public sealed record ExtensionRefused(
    Guid TicketId,
    Actor By,
    DateTimeOffset At,
    Clock Clock,
    string Holder,
    Guid? WhistleId,
    DateTimeOffset Deadline,
    string Reason) : ITicketEvent;

/// <summary>An extension asked for and not yet decided; it lapses once the limit it is for no longer runs.</summary>
public sealed record ExtensionRequest(
    Clock Clock, string Holder, Guid? WhistleId, DateTimeOffset Deadline, DateTimeOffset RequestedDeadline, string ReviewerUnitCode)
{
    public static ExtensionRequest Of(ExtensionRequested e) =>
        new(e.Clock, e.Holder, e.WhistleId, e.Deadline, e.RequestedDeadline, e.ReviewerUnitCode);
}

/// <summary>Who reviews a unit's requests for more time (an extension or a pause): the unit above it, or always the county.</summary>
public enum ClockReviewer { UnitAbove, County }
