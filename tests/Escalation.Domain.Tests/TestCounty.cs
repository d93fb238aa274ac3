namespace Escalation.Domain.Tests;

/// <summary>
/// A small county to decide against: two townships and a street, their villages, a community and grids,
/// three departments and matters of every level and first tier.
/// </summary>
public static class TestCounty
{
    public const string County = "zhenlai";
    public const string Dongping = "dongping";
    public const string Xiping = "xiping";
    public const string Nanhu = "nanhu";
    public const string EastVillage = "dongping-east";
    public const string WestVillage = "dongping-west";
    public const string HillVillage = "xiping-hill";
    public const string LakesideCommunity = "nanhu-lakeside";
    public const string EastGrid = "dongping-east-1";
    public const string LakesideGrid = "nanhu-lakeside-1";

    public const string UrbanManagement = "urban-management";
    public const string MarketRegulation = "market-regulation";
    public const string Housing = "housing";

    public const string Noise = "noise";
    public const string BlockedDrain = "blocked-drain";
    public const string IllegalConstruction = "illegal-construction";
    public const string FoodSafety = "food-safety";
    public const string UnsafeBuilding = "unsafe-building";
    public const string LandDispute = "land-dispute";

    public static readonly Actor Operator = new("op-li", "operator", County);
    public static readonly Actor CountyDispatcher = new("county-wang", "dispatcher", County);
    public static readonly Actor DongpingDispatcher = new("dongping-zhao", "dispatcher", Dongping);
    public static readonly Actor XipingDispatcher = new("xiping-sun", "dispatcher", Xiping);
    public static readonly Actor NanhuDispatcher = new("nanhu-qian", "dispatcher", Nanhu);
    public static readonly Actor EastVillageLiaison = new("east-zhou", "dispatcher", EastVillage);
    public static readonly Actor WestVillageLiaison = new("west-wu", "dispatcher", WestVillage);
    public static readonly Actor UrbanOfficer = new("um-zheng", "department", UrbanManagement);
    public static readonly Actor MarketOfficer = new("mr-feng", "department", MarketRegulation);
    public static readonly Actor HousingOfficer = new("hs-chen", "department", Housing);

    public static readonly ReferenceData Reference = new(
        "test-1",
        [
            new(County, "镇赉县", "Zhenlai County", UnitKind.County, null),
            new(Dongping, "东屏镇", "Dongping Town", UnitKind.Township, County),
            new(Xiping, "西平镇", "Xiping Town", UnitKind.Township, County),
            new(Nanhu, "南湖街道", "Nanhu Street", UnitKind.Street, County),
            new(EastVillage, "东村", "East Village", UnitKind.Village, Dongping),
            new(WestVillage, "西村", "West Village", UnitKind.Village, Dongping),
            new(HillVillage, "山村", "Hill Village", UnitKind.Village, Xiping),
            new(LakesideCommunity, "湖畔社区", "Lakeside Community", UnitKind.Community, Nanhu),
            new(EastGrid, "东村一网格", "East Village Grid 1", UnitKind.Grid, EastVillage),
            new(LakesideGrid, "湖畔一网格", "Lakeside Grid 1", UnitKind.Grid, LakesideCommunity),
        ],
        [
            new(UrbanManagement, "城管执法局", "Urban Management", [Noise, IllegalConstruction]),
            new(MarketRegulation, "市场监管局", "Market Regulation", [FoodSafety]),
            new(Housing, "住建局", "Housing and Construction", [IllegalConstruction, UnsafeBuilding]),
        ],
        [
            new(Noise, "噪音扰民", "Noise nuisance", MatterDomain.LivelihoodServices, 1, Tier.Village, [UrbanManagement], TimeLimitClass.General),
            new(BlockedDrain, "下水道堵塞", "Blocked drain", MatterDomain.LivelihoodServices, 1, Tier.Village, [], TimeLimitClass.General),
            new(IllegalConstruction, "违章建筑", "Illegal construction", MatterDomain.ComprehensiveLawEnforcement, 2, Tier.Township, [UrbanManagement, Housing], TimeLimitClass.Enforcement),
            new(FoodSafety, "食品安全", "Food safety", MatterDomain.WorkSafety, 2, Tier.Township, [MarketRegulation], TimeLimitClass.Larger),
            new(UnsafeBuilding, "危房", "Unsafe building", MatterDomain.WorkSafety, 3, Tier.County, [Housing], TimeLimitClass.Complex),
            new(LandDispute, "土地纠纷", "Land dispute", MatterDomain.PublicOrder, 3, Tier.CountyLeader, [], TimeLimitClass.Complex),
        ]);
}
