namespace Escalation.Domain.Tests;

/// <summary>The events of a ticket's past, and the histories that put a ticket in each state.</summary>
public static class History
{
    public const string Description = "Loud music from the square every night after ten.";

    public static TicketReported Reported(string village = EastVillage, string? category = null) => new(
        TicketId, Operator, Earlier, Channel.Hotline, Description, village, null, "East Road 3", category, Urgency.Normal,
        TestCounty.Reference.AtTier(village, Tier.Township)!.Code);

    public static TicketTriaged Triaged(Actor by, string to, Tier tier, string category = Noise) =>
        new(TicketId, by, Earlier, category, TestCounty.Reference.FindMatter(category)!.Level, to, tier, by.UnitCode);

    public static TicketAccepted Accepted(Actor by) => new(TicketId, by, Earlier);

    public static TicketEscalated Escalated(Actor by, string from, string to, Tier fromTier, Tier toTier) =>
        new(TicketId, by, Earlier, from, to, fromTier, toTier, EscalationReason.BeyondPowers, null);

    public static TicketTransferred Transferred(string department) =>
        new(TicketId, CountyDispatcher, Earlier, department, County);

    public static TicketReturned Returned(Actor by, string dispatcher) =>
        new(TicketId, by, Earlier, "Not ours.", by.UnitCode, dispatcher, dispatcher, null);

    public static WhistleBlown WhistleBlownBy(Actor by, params string[] departments) =>
        new(TicketId, by, Earlier, WhistleId, by.UnitCode, departments, Earlier.AddHours(2), "Needs enforcement powers.");

    public static DepartmentReportedIn ReportedIn(Actor department) =>
        new(TicketId, department, Earlier, WhistleId, department.UnitCode, department.UserId, true, null);

    public static TicketReturned SummonsReturned(Actor department, string whistler) =>
        new(TicketId, department, Earlier, "Not within our powers.", department.UnitCode, whistler, whistler, WhistleId);

    public static TicketResolved Resolved(Actor by, DateTimeOffset? at = null) =>
        new(TicketId, by, at ?? Earlier, "Spoke with the organisers; music ends at nine.", by.UnitCode);

    public static CitizenRated Rated(Satisfaction satisfaction) => new(TicketId, Operator, Earlier, satisfaction, null);

    public static TicketReopened Reopened() => new(TicketId, Operator, Earlier, "The citizen called back unsatisfied.");

    public static TicketClosed Closed(ClosedBecause because) => new(TicketId, CountyDispatcher, Earlier, because, null);

    public static TicketWithdrawn Withdrawn() => new(TicketId, Operator, Earlier, "The neighbours settled it.");

    public static TicketMergedInto MergedInto(Guid master) => new(TicketId, DongpingDispatcher, Earlier, master);

    // A noise complaint in East Village, through each state.
    public static readonly object[] ReportedAtDongping = [Reported()];
    public static readonly object[] DispatchedToEastVillage = [.. ReportedAtDongping, Triaged(DongpingDispatcher, EastVillage, Tier.Village)];
    public static readonly object[] InHandlingAtEastVillage = [.. DispatchedToEastVillage, Accepted(EastVillageLiaison)];
    public static readonly object[] ResolvedAtEastVillage = [.. InHandlingAtEastVillage, Resolved(EastVillageLiaison)];
    public static readonly object[] ClosedAtEastVillage = [.. ResolvedAtEastVillage, Rated(Satisfaction.Satisfied), Closed(ClosedBecause.Rated)];
    public static readonly object[] WithdrawnAtDongping = [.. ReportedAtDongping, Withdrawn()];
    public static readonly object[] MergedIntoMaster = [.. ReportedAtDongping, MergedInto(MasterId)];

    // The callback desk (回访): two calls unanswered, then the citizen found unreachable.
    public static readonly object[] CalledTwiceUnanswered =
        [.. ResolvedAtEastVillage, new CallbackUnanswered(TicketId, Operator, Earlier, 1, null), new CallbackUnanswered(TicketId, Operator, Earlier, 2, null)];
    public static readonly object[] UnreachableAtEastVillage =
        [.. CalledTwiceUnanswered, new CallbackUnanswered(TicketId, Operator, Earlier, 3, null), new CitizenUnreachable(TicketId, Operator, Earlier, 3)];

    // Matters handled higher up.
    public static readonly object[] InHandlingAtDongping =
        [Reported(category: IllegalConstruction), Triaged(DongpingDispatcher, Dongping, Tier.Township, IllegalConstruction), Accepted(DongpingDispatcher)];
    public static readonly object[] InHandlingAtCounty =
        [Reported(category: UnsafeBuilding), Triaged(CountyDispatcher, County, Tier.County, UnsafeBuilding), Accepted(CountyDispatcher)];
    public static readonly object[] InHandlingAtCountyLeader =
        [Reported(category: LandDispute), Triaged(CountyDispatcher, County, Tier.CountyLeader, LandDispute), Accepted(CountyDispatcher)];
    public static readonly object[] DispatchedToHousing = [.. InHandlingAtCounty, Transferred(Housing)];
    public static readonly object[] InHandlingAtHousing = [.. DispatchedToHousing, Accepted(HousingOfficer)];

    /// <summary>The East Village noise complaint in the given state.</summary>
    public static object[] In(TicketStatus status) => status switch
    {
        TicketStatus.Reported => ReportedAtDongping,
        TicketStatus.Dispatched => DispatchedToEastVillage,
        TicketStatus.InHandling => InHandlingAtEastVillage,
        TicketStatus.Resolved => ResolvedAtEastVillage,
        TicketStatus.Closed => ClosedAtEastVillage,
        TicketStatus.Withdrawn => WithdrawnAtDongping,
        _ => MergedIntoMaster,
    };
}
