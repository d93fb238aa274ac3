namespace Escalation.Domain.Escalation;

/// <summary>The county hands a ticket it handles to the lead department (转办) whose powers cover its matter.</summary>
public sealed record TransferTicket(Guid TicketId, Actor By, string DepartmentCode) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        var reference = context.Reference;
        if (state.RefuseUnlessIn("transfer", TicketStatus.InHandling) is { } refused)
            return refused;
        if (!By.Holds(state))
            return Rules.NotHeldBy(By, state, "transfer");
        if (state.Holder != reference.County.Code)
            return Decision.Reject(RuleCodes.OnlyCountyTransfers, "Only the county transfers tickets to departments.");
        if (reference.FindDepartment(DepartmentCode) is not { } department)
            return Decision.Reject(RuleCodes.UnknownDepartment, $"There is no department {DepartmentCode} in the county.");
        if (!department.Powers.Contains(state.CategoryCode))
            return Decision.Reject(RuleCodes.DepartmentLacksPower, $"{department.Code} has no power over matter {state.CategoryCode}.");

        return Decision.Accept(new TicketTransferred(TicketId, By, context.Now, department.Code, By.UnitCode));
    }
}
