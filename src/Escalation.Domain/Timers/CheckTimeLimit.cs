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
    public const string TopTierSupervision = "红灯：县级办理超时，报县领导督办 (red light: the county missed its limit; raised to the county leader)";

    public Actor By => Actor.System;

    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (state.FindLimit(Clock, Holder, Deadline, WhistleId) is not { } clock || !state.Runs(clock) || clock.Lit >= Light)
            return Decision.Accept();
        if (Clock == Clock.Pause)
            return Light == Light.Red ? new ResumeTicket(TicketId, By, null).Decide(state, context) : Decision.Accept();

        var lit = new WarningLightLit(TicketId, By, context.Now, Clock, Light, Holder, Deadline, WhistleId);
        if (Light == Light.Yellow)
            return Decision.Accept(lit);
        if (Clock is Clock.ExtensionReview or Clock.Triage or Clock.Case)
            return Decision.Accept(lit);
        if (Clock == Clock.ReportIn)
            return Decision.Accept(lit, new ReportInMissed(TicketId, By, context.Now, WhistleId!.Value, Holder, context.Reference.County.Code));
        if (state.HandlingTier == Tier.CountyLeader)
            return Decision.Accept(lit, new TicketUrged(TicketId, By, context.Now, TopTierSupervision));

        var escalation = new EscalateTicket(TicketId, By, EscalationReason.DeadlineMissed, $"{Clock} deadline {Deadline:O} missed").Decide(state, context);
        return escalation.IsRejected ? Decision.Accept(lit) : Decision.Accept([lit, .. escalation.Events]);
    }
}
