using Escalation.Domain.Closure;
using Escalation.Domain.Escalation;
using Escalation.Domain.Pause;
using Escalation.Domain.Reference;
using Escalation.Domain.Supervision;

namespace Escalation.Domain.Timers;

/// <summary>
/// A timer fell due: light the warning, and on red act; a pause's end resumes the ticket, with no light. A timer whose clock has moved on (a newer limit, another
/// holder, another state) or whose light is already on decides nothing, so a timer delivered twice acts once.
/// </summary>
public sealed record CheckTimeLimit(Guid TicketId, Clock Clock, Light Light, string Holder, DateTimeOffset Deadline, Guid? WhistleId)
    : ITicketCommand
{
    public const string WindowEnded = "回访期满，系统自动结案 (the rating window ended: closed by the system)";

    public const string CitizenUnreachable = "回访未接通，系统自动结案 (the citizen could not be reached: closed by the system)";

    public const string TopTierSupervision = "红灯：县级办理超时，报县领导督办 (red light: the county missed its limit; raised to the county leader)";

    public Actor By => Actor.System;

    public Decision Decide(Ticket state, DecisionContext context)
    {
        // A yellow timer that runs only once its deadline has passed (a backlog after an outage) does the red's work:
        // "due soon" would be false, and the holder would be told twice in a moment. The red timer then finds red lit.
        var light = Light == Light.Yellow && context.Now >= Deadline ? Light.Red : Light;
        if (state.FindLimit(Clock, Holder, Deadline, WhistleId) is not { } clock || !state.Runs(clock) || clock.Lit >= light)
            return Decision.Accept();
        if (Clock == Clock.Pause)
            return light == Light.Red ? new ResumeTicket(TicketId, By, null).Decide(state, context) : Decision.Accept();
        // The end of the rating window closes the ticket by itself; it is no warning and no missed deadline. The window's
        // limit, set when it started, is its end: a later change of the county's setting does not move it.
        if (Clock == Clock.RatingWindow)
            return light == Light.Red
                ? Decision.Accept(new TicketClosed(TicketId, By, context.Now, CloseTicket.Because(state), state.Unreachable ? CitizenUnreachable : WindowEnded))
                : Decision.Accept();

        var lit = new WarningLightLit(TicketId, By, context.Now, Clock, light, Holder, Deadline, WhistleId);
        if (light == Light.Yellow)
            return Decision.Accept(lit);
        if (Clock is Clock.Callback or Clock.ExtensionReview or Clock.Triage or Clock.Case or Clock.PauseReview or Clock.Part or Clock.Fallback)
            return Decision.Accept(lit);
        if (Clock == Clock.ReportIn)
            return Decision.Accept(lit, new ReportInMissed(TicketId, By, context.Now, WhistleId!.Value, Holder, context.Reference.County.Code));
        if (state.HandlingTier == Tier.CountyLeader)
            return Decision.Accept(lit, new TicketUrged(TicketId, By, context.Now, TopTierSupervision));

        var escalation = new EscalateTicket(TicketId, By, EscalationReason.DeadlineMissed, $"{Clock} deadline {Deadline:O} missed").Decide(state, context);
        return escalation.IsRejected ? Decision.Accept(lit) : Decision.Accept([lit, .. escalation.Events]);
    }
}
