using Escalation.Domain.Joint;
using Escalation.Domain.Triage;
using Escalation.Domain.Whistle;

namespace Escalation.Domain;

public sealed partial record Ticket
{
    /// <summary>Joint handling (#18): whistles' steps after report-in, parts, lead, fallback owner and named handler.</summary>
    public JointWork Joint { get; init; } = JointWork.None;

    /// <summary>The named person handling the ticket, while the unit that named them still holds it.</summary>
    public string? HandlerUserId => Joint.Handler is { } h && h.UnitCode == Holder ? h.UserId : null;

    /// <summary>Folds what joint handling keeps, after the rest of the fold has moved the ticket.</summary>
    private static Ticket Joining(object e, Ticket next) => e switch
    {
        WhistleBlown x => next.WithJoint(j => j with
        {
            Whistles = [.. j.Whistles, new JointWhistle(x.WhistleId, x.BlownByUnitCode, x.DepartmentCodes, [], [], false, [], [])],
        }),
        DepartmentReportedIn x => next.WithJointWhistle(x.WhistleId, w => w with { ReportedIn = [.. w.ReportedIn, x.DepartmentCode] }),
        TicketReturned { WhistleId: { } whistleId } x => next.WithJointWhistle(whistleId, w => w with { Returned = [.. w.Returned, x.ReturnedBy] }),
        ConferenceHeld x => next.WithJointWhistle(x.WhistleId, w => w with { Conferred = true })
            .WithJoint(j => j with { Parts = [.. j.Parts, .. x.Parts.Select(p => new Part(p.PartId, x.WhistleId, p.Party, p.Task, p.Due, x.WhistlerUnitCode, false))] }),
        CoHandlersNamed x => next.WithJoint(j => j with
        {
            Lead = x.LeadCode,
            Parts = [.. j.Parts, .. x.Parts.Select(p => new Part(p.PartId, null, p.Party, p.Task, p.Due, x.By.UnitCode, false))],
        }),
        PartFedBack x => next.WithJoint(j => j with { Parts = [.. j.Parts.Select(p => p.Id == x.PartId ? p with { FedBack = true } : p)] }),
        DepartmentEvaluated x => next.WithJointWhistle(x.WhistleId, w => w with { Evaluated = [.. w.Evaluated, x.DepartmentCode] }),
        WhistleEvaluated x => next.WithJointWhistle(x.WhistleId, w => w with { JudgedBy = [.. w.JudgedBy, x.DepartmentCode] }),
        FallbackAssigned x => next.FallenBack(x),
        HandlerAssigned x => next.WithJoint(j => j with { Handler = new NamedHandler(x.UnitCode, x.UserId) }),
        _ => next,
    };

    private Ticket FallenBack(FallbackAssigned e)
    {
        var owner = WithJoint(j => j with { FallbackOwner = e.OwnerCode, Lead = e.OwnerCode });
        return e.OwnerIsDepartment
            ? owner with { Status = TicketStatus.Dispatched, HoldingDepartmentCode = e.OwnerCode, HandlingTier = e.Tier, DispatchedByUnitCode = e.By.UnitCode }
            : owner with { Status = TicketStatus.Dispatched, HoldingUnitCode = e.OwnerCode, HoldingDepartmentCode = null, HandlingTier = e.Tier, DispatchedByUnitCode = e.By.UnitCode };
    }

    private Ticket WithJoint(Func<JointWork, JointWork> change) => this with { Joint = change(Joint) };

    private Ticket WithJointWhistle(Guid whistleId, Func<JointWhistle, JointWhistle> change) =>
        WithJoint(j => j with { Whistles = [.. j.Whistles.Select(w => w.Id == whistleId ? change(w) : w)] });
}
