namespace Escalation.Domain.Joint;

/// <summary>
/// After report-in the whistling unit holds the conference (会商): the parties that reported in take part, the minutes
/// are kept, and each part is agreed (who does what by when). One conference per whistle.
/// </summary>
public sealed record HoldConference(
    Guid TicketId, Actor By, Guid WhistleId, IReadOnlyList<string> Participants, string Minutes, IReadOnlyList<AgreedPart> Parts) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (Refuses(state, By, WhistleId) is { } refused)
            return refused;
        var whistle = state.Joint.FindWhistle(WhistleId)!;
        if (Rules.IsBlank(Minutes))
            return Decision.Reject(RuleCodes.MinutesRequired, "The conference's minutes are required.");
        if (Participants.FirstOrDefault(p => p != whistle.BlownBy && !whistle.ReportedIn.Contains(p)) is { } stranger)
            return Decision.Reject(RuleCodes.NotParticipant, $"{stranger} did not report in to this whistle, so it cannot take part in its conference.");
        if (Parts is not { Count: > 0 })
            return Decision.Reject(RuleCodes.PartsRequired, "A conference agrees at least one part: who does what by when.");
        foreach (var part in Parts)
        {
            if (!whistle.ReportedIn.Contains(part.Party) || !Participants.Contains(part.Party))
                return Decision.Reject(RuleCodes.NotParticipant, $"A part goes to a party that reported in and takes part in the conference; {part.Party} does not.");
            if (Rules.IsBlank(part.Task))
                return Decision.Reject(RuleCodes.TaskRequired, $"The part of {part.Party} must say what it is to do.");
            if (part.Due <= context.Now)
                return Decision.Reject(RuleCodes.PartDueNotLater, $"The part of {part.Party} must be due after now.");
        }
        if (Parts.Select(p => p.Party).Distinct().Count() != Parts.Count)
            return Decision.Reject(RuleCodes.DuplicateDepartment, "A conference agrees one part per party.");

        return Decision.Accept(new ConferenceHeld(TicketId, By, context.Now, WhistleId, whistle.BlownBy, [.. Participants.Distinct()], Minutes, Parts));
    }

    /// <summary>The ticket's state and who acts: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state, Actor by, Guid whistleId)
    {
        if (state.RefuseUnlessIn("hold a conference on", TicketStatus.Dispatched, TicketStatus.InHandling) is { } refused)
            return refused;
        if (state.FindWhistle(whistleId) is null || state.Joint.FindWhistle(whistleId) is not { } whistle)
            return Decision.Reject(RuleCodes.UnknownWhistle, $"The ticket has no open whistle {whistleId}.");
        if (whistle.BlownBy != by.UnitCode)
            return Decision.Reject(RuleCodes.NotWhistler, $"Only {whistle.BlownBy}, which blew the whistle, may do this; {by.UnitCode} did not.");
        if (whistle.Conferred)
            return Decision.Reject(RuleCodes.ConferenceAlreadyHeld, "The whistle's conference was already held.");
        if (whistle.ReportedIn.Count == 0)
            return Decision.Reject(RuleCodes.NoneReportedIn, "No summoned party has reported in yet: the conference follows report-in.");
        return null;
    }
}
