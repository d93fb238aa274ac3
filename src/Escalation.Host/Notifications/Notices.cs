using Escalation.Domain;
using Escalation.Domain.Escalation;
using Escalation.Domain.Extension;
using Escalation.Domain.Intake;
using Escalation.Domain.Pause;
using Escalation.Domain.Rating;
using Escalation.Domain.Reference;
using Escalation.Domain.Resolution;
using Escalation.Domain.Supervision;
using Escalation.Domain.Timers;
using Escalation.Domain.Triage;
using Escalation.Domain.Whistle;

namespace Escalation.Host.Notifications;

/// <summary>What people are told about. Each kind is switched on or off per county, and per user unless mandatory.</summary>
public enum NotificationKind
{
    Dispatched,
    Transferred,
    Summoned,
    YellowLight,
    RedLight,
    RedLightAbove,
    Urged,
    Returned,
    CitizenReceived,
    CitizenResolved,
    CallbackDue,
    ExtensionAwaitingReview,
    ExtensionAnswered,
    PauseAwaitingReview,
    PauseAnswered,
    CitizenCallbackMissed,
}

/// <summary>The citizen of a ticket, as a recipient: the phone is looked up when the message is sent, never copied.</summary>
public static class Recipients
{
    public const string Citizen = "citizen";
}

/// <summary>
/// One thing to tell one recipient (a unit, a department, or the ticket's citizen), caused by one event: the ticket's
/// event at stream position <paramref name="CauseVersion"/>.
/// </summary>
public sealed record Notice(
    NotificationKind Kind, Guid TicketId, long CauseVersion, string CauseEvent, string Recipient, DateTimeOffset At, Urgency Urgency, DateTimeOffset? Deadline,
    string? Number = null)
{
    /// <summary>How the ticket is named to people: its number, or its id for a ticket opened before numbers.</summary>
    public string TicketName => Number ?? TicketId.ToString();
}

/// <summary>The events one turn appended to one ticket: the ticket before them, and the stream position of the first.</summary>
public sealed record TurnTaken(Ticket? Before, long FirstVersion, IReadOnlyList<object> Events);

/// <summary>Who is told what, derived from the events alone: pure, so a rule here is a plain test.</summary>
public static class Notices
{
    public static IEnumerable<Notice> From(TurnTaken turn, ReferenceData reference)
    {
        var ticket = turn.Before;
        for (var i = 0; i < turn.Events.Count; i++)
        {
            var e = turn.Events[i];
            var before = ticket;
            ticket = ticket is null ? Ticket.Replay([e]) : ticket.Evolve(e);
            var version = turn.FirstVersion + i;
            var urgency = ticket.Urgency;
            Notice Tell(NotificationKind kind, string recipient, DateTimeOffset at, DateTimeOffset? deadline = null) =>
                new(kind, ticket.Id, version, e.GetType().Name, recipient, at, urgency, deadline, ticket.Number);

            switch (e)
            {
                case TicketReported reported:
                    yield return Tell(NotificationKind.CitizenReceived, Recipients.Citizen, reported.At);
                    break;
                case TicketTriaged triaged:
                    yield return Tell(NotificationKind.Dispatched, triaged.HandlingUnitCode, triaged.At, AcceptDeadline(turn.Events, triaged.HandlingUnitCode));
                    break;
                case TicketEscalated escalated:
                    yield return Tell(NotificationKind.Dispatched, escalated.ToUnitCode, escalated.At, AcceptDeadline(turn.Events, escalated.ToUnitCode));
                    break;
                case TicketTransferred transferred:
                    yield return Tell(NotificationKind.Transferred, transferred.DepartmentCode, transferred.At, AcceptDeadline(turn.Events, transferred.DepartmentCode));
                    break;
                case WhistleBlown whistle:
                    foreach (var department in whistle.DepartmentCodes)
                        yield return Tell(NotificationKind.Summoned, department, whistle.At, whistle.ReportInDeadline);
                    break;
                case WarningLightLit { Light: Light.Yellow } yellow:
                    yield return Tell(NotificationKind.YellowLight, yellow.Holder, yellow.At, yellow.Deadline);
                    break;
                case WarningLightLit { Light: Light.Red } red:
                    yield return Tell(NotificationKind.RedLight, red.Holder, red.At, red.Deadline);
                    if (Above(red.Holder, reference) is { } above)
                        yield return Tell(NotificationKind.RedLightAbove, above, red.At, red.Deadline);
                    break;
                case TicketUrged urged:
                    yield return Tell(NotificationKind.Urged, turn.Before?.Holder ?? ticket.Holder, urged.At);
                    break;
                case TicketReturned returned:
                    yield return Tell(NotificationKind.Returned, returned.BackToUnitCode, returned.At);
                    break;
                case TicketResolved resolved:
                    yield return Tell(NotificationKind.CitizenResolved, Recipients.Citizen, resolved.At);
                    break;
                case TimeLimitStarted { Clock: Clock.Callback } callback:
                    yield return Tell(NotificationKind.CallbackDue, callback.Holder, callback.At, callback.Deadline);
                    break;
                case CallbackUnanswered unanswered:
                    yield return Tell(NotificationKind.CitizenCallbackMissed, Recipients.Citizen, unanswered.At);
                    break;
                case ExtensionRequested asked:
                    yield return Tell(NotificationKind.ExtensionAwaitingReview, asked.ReviewerUnitCode, asked.At, asked.Deadline);
                    break;
                case ExtensionApproved approved:
                    yield return Tell(NotificationKind.ExtensionAnswered, approved.Holder, approved.At, approved.NewDeadline);
                    break;
                case ExtensionRefused refused:
                    yield return Tell(NotificationKind.ExtensionAnswered, refused.Holder, refused.At, refused.Deadline);
                    break;
                case PauseRequested asked:
                    yield return Tell(NotificationKind.PauseAwaitingReview, asked.ReviewerUnitCode, asked.At, asked.Until);
                    break;
                case PauseApproved approved when before?.LivePause is { } pause:
                    yield return Tell(NotificationKind.PauseAnswered, pause.Holder, approved.At, approved.Until);
                    break;
                case PauseRefused refused when before?.LivePause is { } pause:
                    yield return Tell(NotificationKind.PauseAnswered, pause.Holder, refused.At);
                    break;
            }
        }
    }

    /// <summary>The unit above a holder: a unit's parent; for a department, the county that directs it.</summary>
    public static string? Above(string holder, ReferenceData reference) =>
        reference.FindUnit(holder) is { } unit ? unit.ParentCode
        : reference.FindDepartment(holder) is not null ? reference.County.Code
        : null;

    /// <summary>The deadline to accept that a dispatch started for its new holder, appended in the same turn.</summary>
    private static DateTimeOffset? AcceptDeadline(IReadOnlyList<object> events, string holder) =>
        events.OfType<TimeLimitStarted>().FirstOrDefault(l => l.Clock == Clock.Accept && l.Holder == holder)?.Deadline;
}
