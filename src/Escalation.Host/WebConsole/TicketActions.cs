using System.Security.Claims;
using Escalation.Domain;
using Escalation.Host.Auth;
using Escalation.Host.Commands;
using Escalation.Projections;

namespace Escalation.Host.WebConsole;

/// <summary>One action the console offers on a ticket; <see cref="WhistleId"/> names the whistle a department answers.</summary>
public sealed record OfferedAction(string Name, Guid? WhistleId = null);

/// <summary>
/// The actions the console offers a user on a ticket as it stands: those the domain allows the user's role and unit now
/// (<see cref="Permissions.Allows"/>), so no form is shown that the command would refuse for the ticket's state or holder.
/// </summary>
public sealed class TicketActions(DecisionContexts decisions)
{
    /// <summary>The console's forms, in the order they are shown, and the action each asks for.</summary>
    private static readonly (string Name, TicketAction Action)[] Forms =
    [
        ("triage", TicketAction.Triage), ("accept", TicketAction.Accept), ("whistle", TicketAction.BlowWhistle),
        ("progress", TicketAction.NoteProgress), ("resolve", TicketAction.Resolve), ("escalate", TicketAction.Escalate),
        ("return", TicketAction.Return), ("rate", TicketAction.Rate), ("close", TicketAction.Close),
        ("requestExtension", TicketAction.RequestExtension), ("reviewExtension", TicketAction.ReviewExtension),
        ("requestPause", TicketAction.RequestPause), ("reviewPause", TicketAction.ReviewPause), ("resume", TicketAction.Resume),
        ("callBack", TicketAction.CallBack),
        // Queues (#15): every command of the API has its form.
        ("transfer", TicketAction.Transfer), ("reopen", TicketAction.Reopen), ("urge", TicketAction.Urge), ("merge", TicketAction.Merge),
        ("withdraw", TicketAction.Withdraw), ("erase", TicketAction.EraseCitizenData),
        // Returns with review, and back down to the unit that raised an escalated ticket (docs/clocks.md).
        ("reviewReturn", TicketAction.ReviewReturn), ("returnToRaiser", TicketAction.ReturnToRaiser),
        ("changeMatter", TicketAction.ChangeMatter),
        // Joint handling (#18).
        ("fallback", TicketAction.AssignFallback), ("assignHandler", TicketAction.AssignHandler),
    ];

    /// <summary>The steps after report-in, offered per whistle of the ticket (joint handling).</summary>
    private static readonly (string Name, TicketAction Action)[] WhistleSteps =
    [
        ("conference", TicketAction.HoldConference), ("evaluateDepartment", TicketAction.EvaluateDepartment), ("evaluateWhistle", TicketAction.EvaluateWhistle),
    ];

    /// <summary>The forms whose step cannot be taken back: each asks the user to confirm it.</summary>
    public static readonly IReadOnlySet<string> Irreversible = new HashSet<string>(StringComparer.Ordinal) { "return", "escalate", "close", "merge", "withdraw", "erase", "returnToRaiser" };

    public IReadOnlyList<OfferedAction> For(ClaimsPrincipal user, TicketView ticket)
    {
        if (EscalationClaims.RoleOf(user) is not { } role)
            return [];
        var actor = EscalationClaims.ActorOf(user);
        var context = decisions.Now();
        var state = ticket.State;
        var actions = new List<OfferedAction>();
        foreach (var whistle in state.OpenWhistles)
        {
            if (state.Allows(role, TicketAction.ReportIn, actor, context, whistle.Id))
                actions.Add(new OfferedAction("reportIn", whistle.Id));
            if (state.Allows(role, TicketAction.Return, actor, context, whistle.Id))
                actions.Add(new OfferedAction("returnSummons", whistle.Id));
        }
        foreach (var whistle in state.Joint.Whistles)
            actions.AddRange(WhistleSteps.Where(step => state.Allows(role, step.Action, actor, context, whistle.Id)).Select(step => new OfferedAction(step.Name, whistle.Id)));
        // A part's feedback form carries the part's id where a whistle's forms carry the whistle's.
        actions.AddRange(state.Joint.Parts.Where(part => state.Allows(role, TicketAction.FeedBackPart, actor, context, part.Id)).Select(part => new OfferedAction("feedBack", part.Id)));
        actions.AddRange(Forms.Where(form => state.Allows(role, form.Action, actor, context)).Select(form => new OfferedAction(form.Name)));
        return actions;
    }
}
