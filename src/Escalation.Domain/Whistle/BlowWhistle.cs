using Escalation.Domain.Reference;
using Escalation.Domain.Timers;

namespace Escalation.Domain.Whistle;

/// <summary>
/// The unit handling a ticket, at a tier the county lets blow it (<see cref="CountySettings.LowestWhistleTier"/>: villages
/// and communities and up by default), blows the whistle (吹哨) and summons the departments whose powers the matter
/// needs (a village also its own township, <see cref="CountySettings.VillagesSummonTownship"/>); they must report in within the county's report-in limit
/// for the ticket's urgency (<see cref="TimeLimitPolicy"/>).
/// </summary>
/// <param name="WhistleId">Chosen by the host, so the departments can answer this whistle.</param>
public sealed record BlowWhistle(Guid TicketId, Actor By, Guid WhistleId, IReadOnlyList<string> DepartmentCodes, string Reason) : ITicketCommand
{
    public Decision Decide(Ticket state, DecisionContext context)
    {
        if (Refuses(state, By, context) is { } refused)
            return refused;
        if (Rules.IsBlank(Reason))
            return Rules.Missing(RuleCodes.ReasonRequired, "reason for the whistle");
        if (DepartmentCodes is not { Count: > 0 })
            return Decision.Reject(RuleCodes.DepartmentsRequired, "A whistle summons at least one department.");
        if (DepartmentCodes.FirstOrDefault(code => context.Reference.FindDepartment(code) is null && !MaySummonUnit(state, code, context)) is { } unknown)
            return Decision.Reject(RuleCodes.UnknownDepartment, $"There is no department {unknown} in the county.");
        if (DepartmentCodes.Distinct().Count() != DepartmentCodes.Count)
            return Decision.Reject(RuleCodes.DuplicateDepartment, "A whistle names each department once.");

        var limitClass = context.Reference.FindMatter(state.CategoryCode)?.TimeLimit ?? TimeLimitClass.General;
        var reportInBy = context.Reference.TimeLimits
            .DeadlineFor(Clock.ReportIn, limitClass, state.Urgency, state.HandlingTier ?? Tier.Township, context.Now).DueAt;
        return Decision.Accept(new WhistleBlown(TicketId, By, context.Now, WhistleId, state.Holder, DepartmentCodes, reportInBy, Reason));
    }

    /// <summary>The ticket's state and who acts: what <see cref="Permissions.Refusal"/> asks before any request is made.</summary>
    public static Decision? Refuses(Ticket state, Actor by, DecisionContext context)
    {
        if (state.RefuseUnlessIn("blow a whistle on", TicketStatus.InHandling) is { } refused)
            return refused;
        if (!by.Holds(state))
            return Rules.NotHeldBy(by, state, "blow a whistle on");
        if (state.HoldingDepartmentCode is not null)
            return Decision.Reject(RuleCodes.WhistleOnlyByTownshipOrCounty, "Only a township, a street or the county blows the whistle.");
        if ((state.HandlingTier ?? Tier.Township) < context.Settings.LowestWhistleTier)
            return Decision.Reject(RuleCodes.WhistleTierNotAllowed, $"The county lets the whistle be blown from the {context.Settings.LowestWhistleTier} tier up.");
        return null;
    }

    /// <summary>A village's or community's whistle may summon its own township or street, where the county allows it (joint handling).</summary>
    private static bool MaySummonUnit(Ticket state, string code, DecisionContext context) =>
        context.Settings.VillagesSummonTownship && state.HandlingTier == Tier.Village
        && context.Reference.AtTier(state.HoldingUnitCode, Tier.Township)?.Code == code;
}
