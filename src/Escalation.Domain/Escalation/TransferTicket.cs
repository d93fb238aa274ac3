namespace Escalation.Domain.Escalation;

/// <summary>The county hands a ticket it handles to the lead department (转办) whose powers cover its matter.</summary>
public sealed record TransferTicket(Guid TicketId, Actor By, string DepartmentCode) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (Refuses(state, By, context) is { } refused)
            return refused;
        if (context.Reference.FindDepartment(DepartmentCode) is not { } department)
            return Decision.Reject(RuleCodes.UnknownDepartment, $"There is no department {DepartmentCode} in the county.");
        if (!department.Powers.Contains(state.CategoryCode))
            return Decision.Reject(RuleCodes.DepartmentLacksPower, $"{department.Code} has no power over matter {state.CategoryCode}.");

        return Decision.Accept(new TicketTransferred(TicketId, By, context.Now, department.Code, By.UnitCode));
    }

    /// <summary>The ticket's state and who acts: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state, Actor by, DecisionContext context)
    {
        if (state.RefuseUnlessIn("transfer", TicketStatus.InHandling) is { } refused)
            return refused;
        if (!by.Holds(state))
            return Rules.NotHeldBy(by, state, "transfer");
        if (state.Holder != context.Reference.County.Code)
            return Decision.Reject(RuleCodes.OnlyCountyTransfers, "Only the county transfers tickets to departments.");
        return null;
    }
}
