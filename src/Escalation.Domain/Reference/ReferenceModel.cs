namespace Escalation.Domain.Reference;

public enum UnitKind { County, Township, Street, Village, Community, Grid }

/// <summary>The handling tiers, bottom to top. A ticket climbs one tier at a time.</summary>
public enum Tier { Village = 1, Township = 2, County = 3, CountyLeader = 4 }

public enum MatterDomain
{
    ComprehensiveLawEnforcement,
    WorkSafety,
    PublicOrder,
    LivelihoodServices,
    EcologyAndEnvironment,
}

/// <summary>The time-limit class of a matter: "5321" limits and working-day limits for enforcement.</summary>
public enum TimeLimitClass { General, Larger, Complex, Enforcement }

/// <summary>How a unit counts working time: by the county's business calendar, or around the clock (a police station's 7×24).</summary>
public enum UnitCalendar { County, AroundTheClock }

/// <param name="Calendar">The unit's working time: the county's calendar unless its entry says otherwise.</param>
public sealed record Unit(string Code, string NameZh, string NameEn, UnitKind Kind, string? ParentCode, UnitCalendar Calendar = UnitCalendar.County)
{
    /// <summary>The tier that handles tickets held by this unit; a grid's tickets are held by its village.</summary>
    public Tier? Tier => Kind switch
    {
        UnitKind.Village or UnitKind.Community => Reference.Tier.Village,
        UnitKind.Township or UnitKind.Street => Reference.Tier.Township,
        UnitKind.County => Reference.Tier.County,
        _ => null,
    };
}

/// <param name="Powers">Codes of the catalogue matters within this department's powers.</param>
public sealed record Department(string Code, string NameZh, string NameEn, IReadOnlyList<string> Powers);

public sealed record Matter(
    string Code,
    string NameZh,
    string NameEn,
    MatterDomain Domain,
    int Level,
    Tier FirstTier,
    IReadOnlyList<string> Departments,
    TimeLimitClass TimeLimit);
