namespace Escalation.Domain.Pause;

/// <summary>
/// A paused ticket resumes: the holder says what came (the citizen answered, the third party acted), or the system ends
/// the pause at its date. The clock to resolve runs again with the time it had left.
/// </summary>
public sealed record ResumeTicket(Guid TicketId, Actor By, string? Note) : ITicketCommand
{
    public const string PauseEnded = "挂起期满，恢复计时 (the pause reached its end; the clock runs again)";

    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (Refuses(state, By) is { } refused)
            return refused;
        if (By != Actor.System && Rules.IsBlank(Note))
            return Rules.Missing(RuleCodes.NoteRequired, "note of what the ticket waited for and what came");
        return Decision.Accept(new TicketResumed(TicketId, By, context.Now, state.Paused!.Since, By == Actor.System ? PauseEnded : Note));
    }

    /// <summary>The ticket's state and who acts: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state, Actor by)
    {
        if (state.RefuseUnlessIn("resume", TicketStatus.InHandling) is { } refused)
            return refused;
        if (state.Paused is null)
            return Decision.Reject(RuleCodes.NotPaused, "The ticket is not paused.");
        if (!by.Holds(state) && by != Actor.System)
            return Rules.NotHeldBy(by, state, "resume");
        return null;
    }
}
