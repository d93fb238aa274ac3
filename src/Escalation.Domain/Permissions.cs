using Escalation.Domain.Closure;
using Escalation.Domain.Escalation;
using Escalation.Domain.Extension;
using Escalation.Domain.Joint;
using Escalation.Domain.Merging;
using Escalation.Domain.Pause;
using Escalation.Domain.Privacy;
using Escalation.Domain.Rating;
using Escalation.Domain.Reference;
using Escalation.Domain.Resolution;
using Escalation.Domain.Supervision;
using Escalation.Domain.Triage;
using Escalation.Domain.Whistle;
using Escalation.Domain.Withdrawal;

namespace Escalation.Domain;

/// <summary>What a user may ask of the process: one action per command.</summary>
public enum TicketAction
{
    Report, Triage, Accept, Escalate, Transfer, BlowWhistle, ReportIn, Return, NoteProgress,
    Resolve, Rate, Reopen, Urge, Merge, Withdraw, Close, EraseCitizenData,

    /// <summary>Record an unanswered callback attempt (the callback desk).</summary>
    CallBack,

    // Extensions (延期) and pauses (挂起) of time limits.
    RequestExtension, ReviewExtension, RequestPause, ReviewPause, Resume,

    // Returns with review, and back down to the unit that raised an escalated ticket.
    ReviewReturn, ReturnToRaiser,

    // A change of matter while in handling.
    ChangeMatter,
    // Joint handling (#18): the steps after report-in, the fallback owner, named handlers.
    HoldConference, FeedBackPart, EvaluateDepartment, EvaluateWhistle, AssignFallback, AssignHandler,
}

/// <summary>
/// Who may do what: the actions of each role, and whether an actor may take an action on a ticket as it stands now.
/// The role's actions say whether a command may be asked at all; the ticket's state and holder, whether it may be
/// taken now. The commands check the same rules first, so nothing is offered that a decision would refuse.
/// </summary>
public static class Permissions
{
    private static readonly Dictionary<Role, HashSet<TicketAction>> Allowed = new()
    {
        [Role.Operator] = [TicketAction.Report, TicketAction.Rate, TicketAction.Withdraw, TicketAction.CallBack],
        [Role.Dispatcher] =
        [
            TicketAction.Report, TicketAction.Triage, TicketAction.Accept, TicketAction.Escalate, TicketAction.Transfer,
            TicketAction.BlowWhistle, TicketAction.Return, TicketAction.NoteProgress, TicketAction.Resolve,
            TicketAction.Reopen, TicketAction.Urge, TicketAction.Merge, TicketAction.Withdraw, TicketAction.Close,
            TicketAction.RequestExtension, TicketAction.ReviewExtension, TicketAction.RequestPause, TicketAction.ReviewPause, TicketAction.Resume,
            TicketAction.ReviewReturn, TicketAction.ReturnToRaiser, TicketAction.ChangeMatter,
            TicketAction.ReportIn, TicketAction.HoldConference, TicketAction.FeedBackPart, TicketAction.EvaluateDepartment,
            TicketAction.EvaluateWhistle, TicketAction.AssignFallback, TicketAction.AssignHandler,
        ],
        [Role.Department] =
        [
            TicketAction.Accept, TicketAction.ReportIn, TicketAction.Return, TicketAction.NoteProgress, TicketAction.Resolve,
            TicketAction.RequestExtension, TicketAction.RequestPause, TicketAction.Resume,
            TicketAction.FeedBackPart, TicketAction.EvaluateWhistle, TicketAction.AssignHandler,
        ],
        [Role.Auditor] = [],
        [Role.Administrator] = [TicketAction.EraseCitizenData],
        [Role.Callback] = [TicketAction.Rate, TicketAction.CallBack],
        [Role.Leader] = [],
    };

    public static bool MayDo(Role role, TicketAction action) => Allowed[role].Contains(action);

    /// <summary>
    /// Why <paramref name="by"/> may not take <paramref name="action"/> on the ticket now, by the ticket's state and holder
    /// alone (what the request would carry is not known yet), or null when it may. A department answers one whistle:
    /// <paramref name="whistleId"/> names it for <see cref="TicketAction.ReportIn"/> and a returned summons, and for the steps after
    /// report-in (for <see cref="TicketAction.FeedBackPart"/> it names the part).
    /// </summary>
    public static Rejection? Refusal(this Ticket ticket, TicketAction action, Actor by, DecisionContext context, Guid? whistleId = null) =>
        (action switch
        {
            TicketAction.Triage => TriageTicket.Refuses(ticket, by, context),
            TicketAction.Accept => AcceptTicket.Refuses(ticket, by),
            TicketAction.Escalate => EscalateTicket.Refuses(ticket, by),
            TicketAction.Transfer => TransferTicket.Refuses(ticket, by, context),
            TicketAction.BlowWhistle => BlowWhistle.Refuses(ticket, by, context),
            TicketAction.ReportIn when whistleId is { } id => ReportIn.Refuses(ticket, by, id),
            TicketAction.Return when whistleId is { } id => ReturnSummons.Refuses(ticket, by, id),
            TicketAction.Return => ReturnTicket.Refuses(ticket, by, context),
            TicketAction.NoteProgress => NoteProgress.Refuses(ticket, by),
            TicketAction.Resolve => ResolveTicket.Refuses(ticket, by),
            TicketAction.Rate => RateTicket.Refuses(ticket),
            TicketAction.Reopen => ReopenTicket.Refuses(ticket, by, context),
            TicketAction.Urge => UrgeTicket.Refuses(ticket, by, context),
            TicketAction.Merge => MergeTicket.Refuses(ticket, by, context),
            TicketAction.Withdraw => WithdrawTicket.Refuses(ticket),
            TicketAction.Close => CloseTicket.Refuses(ticket, by, context),
            TicketAction.EraseCitizenData => EraseCitizenData.Refuses(ticket),
            TicketAction.RequestExtension => RequestExtension.Refuses(ticket, by, context),
            TicketAction.ReviewExtension => ReviewExtension.Refuses(ticket, by),
            TicketAction.RequestPause => RequestPause.Refuses(ticket, by, context),
            TicketAction.ReviewPause => ReviewPause.Refuses(ticket, by),
            TicketAction.Resume => ResumeTicket.Refuses(ticket, by),
            TicketAction.CallBack => RecordCallbackAttempt.Refuses(ticket),
            TicketAction.ReviewReturn => ReviewReturn.Refuses(ticket, by),
            TicketAction.ReturnToRaiser => ReturnToRaiser.Refuses(ticket, by),
            TicketAction.ChangeMatter => ChangeMatter.Refuses(ticket, by, context),
            TicketAction.HoldConference when whistleId is { } id => HoldConference.Refuses(ticket, by, id),
            TicketAction.FeedBackPart when whistleId is { } id => FeedBackPart.Refuses(ticket, by, id),
            TicketAction.EvaluateDepartment when whistleId is { } id => EvaluateDepartment.Refuses(ticket, by, id),
            TicketAction.EvaluateWhistle when whistleId is { } id => EvaluateWhistle.Refuses(ticket, by, id),
            TicketAction.AssignFallback => AssignFallback.Refuses(ticket, by, context),
            TicketAction.AssignHandler => AssignHandler.Refuses(ticket, by),
            _ => Decision.Reject(RuleCodes.InvalidState, $"{action} is not an action on an existing ticket."),
        })?.Rejection;

    /// <summary>Whether a user of <paramref name="role"/> may take the action on the ticket now.</summary>
    public static bool Allows(this Ticket ticket, Role role, TicketAction action, Actor by, DecisionContext context, Guid? whistleId = null) =>
        MayDo(role, action) && ticket.Refusal(action, by, context, whistleId) is null;
}
