using Escalation.Domain.Reference;
using Escalation.Host.Api;
using Escalation.Host.Features.Escalation;
using Escalation.Host.Features.Intake;
using Escalation.Host.Features.Merging;
using Escalation.Host.Features.Rating;
using Escalation.Host.Features.Resolution;
using Escalation.Host.Features.Triage;
using Escalation.Host.Features.Whistle;

namespace Escalation.Benchmarks.BusyDay;

/// <summary>Where a case is solved.</summary>
public enum SolvedAt { Village, Township, County }

/// <summary>
/// One citizen's case and the users who act on it. <paramref name="VillageDispatcher"/> is null for cases that never
/// reach a village (the county's: triaged to the township, which escalates them).
/// </summary>
public sealed record Case(
    SolvedAt SolvedAt,
    string Operator,
    string VillageCode,
    string TownshipDispatcher,
    string? VillageDispatcher,
    string CountyDispatcher,
    string CategoryCode,
    IReadOnlyList<(string Code, string User)> Summoned,
    bool Returned,
    bool Reopened,
    bool Duplicate,
    int Number)
{
    /// <summary>The API calls the case makes.</summary>
    public int Requests =>
        SolvedAt switch { SolvedAt.Village => 7, SolvedAt.Township => 9, _ => 10 + Summoned.Count }
        + (Returned ? 2 : 0) + (Reopened ? 2 : 0) + (Duplicate ? 2 : 0);
}

/// <summary>
/// The busy day's cases over the sample county, drawn from a seed, and each case's lifecycle as the API calls its
/// users make, one after another (each waits for the answer before it):
/// <list type="bullet">
/// <item>solved in the village: the township triages a village-level matter to the village (only villages with a
/// dispatcher of their own), which accepts, notes progress and resolves;</item>
/// <item>escalated to the township: as above, but the village escalates it (beyond its powers) and the township
/// accepts, notes progress and resolves;</item>
/// <item>escalated to the county: anywhere in the county, the township triages a township-level matter to itself,
/// accepts and escalates it; the county accepts, blows the whistle to 1–3 departments, each reports in, and the county
/// notes progress and resolves;</item>
/// <item>returned once: the first holder returns the ticket as mis-dispatched and the township triages it again;</item>
/// <item>reopened: the citizen's first rating is unsatisfied, which reopens it; it is resolved and rated again;</item>
/// <item>duplicate: the same operator opens a second ticket for it, which the township merges into it (it then
/// closes with it);</item>
/// <item>every case is rated by the operator who took the call and closed by its holder.</item>
/// </list>
/// </summary>
public sealed class Workload
{
    private static readonly string[] Descriptions =
    [
        "小区门口长期占道经营，早晚高峰行人只能走机动车道，存在安全隐患，多次反映未解决",
        "村东头路灯已经坏了半个多月，晚上出行很不方便，老人孩子容易摔倒，希望尽快维修",
        "楼下餐馆油烟直排，噪音很大，晚上十一点以后还在营业，影响周边居民休息",
        "村里垃圾清运不及时，垃圾箱满溢，天气热了气味很大，蚊蝇滋生，请协调处理",
        "自来水近三天水压很低，高层住户基本无法用水，物业说是管网问题，请相关部门处理",
    ];

    private static readonly string[] Channels = ["hotline", "hotline", "hotline", "app", "grid-worker", "walk-in"];

    private readonly WorkloadMix _mix;
    private readonly int _seed;
    private readonly string[] _operators;
    private readonly string _county;
    private readonly (string Village, string Township, string Dispatcher)[] _villagesWithDispatchers;
    private readonly (string Village, string Township)[] _allVillages;
    private readonly Matter[] _villageMatters;
    private readonly Matter[] _townshipMatters;
    private readonly Dictionary<string, string> _departmentUsers;

    public Workload(ReferenceData reference, WorkloadMix mix, int seed)
    {
        _mix = mix;
        _seed = seed;
        _operators = [.. reference.Users.Where(u => u.Role == Role.Operator).Select(u => u.Id)];
        _county = reference.Users.First(u => u.Role == Role.Dispatcher && u.UnitCode == reference.County.Code).Id;
        var dispatchers = reference.Users.Where(u => u.Role == Role.Dispatcher).ToDictionary(u => u.UnitCode, u => u.Id);
        string TownshipOf(string village) => reference.AtTier(village, Tier.Township)!.Code;
        _villagesWithDispatchers =
        [
            .. reference.Units
                .Where(u => u.Kind == UnitKind.Village && dispatchers.ContainsKey(u.Code) && dispatchers.ContainsKey(TownshipOf(u.Code)))
                .Select(u => (u.Code, dispatchers[TownshipOf(u.Code)], dispatchers[u.Code])),
        ];
        _allVillages =
        [
            .. reference.Units.Where(u => u.Tier == Tier.Village && dispatchers.ContainsKey(TownshipOf(u.Code)))
                .Select(u => (u.Code, dispatchers[TownshipOf(u.Code)])),
        ];
        _villageMatters = [.. reference.Catalogue.Where(m => m.FirstTier == Tier.Village)];
        _townshipMatters = [.. reference.Catalogue.Where(m => m.FirstTier == Tier.Township)];
        _departmentUsers = reference.Users.Where(u => u.Role == Role.Department).ToDictionary(u => u.UnitCode, u => u.Id);
        if (_villagesWithDispatchers.Length == 0 || _villageMatters.Length == 0 || _townshipMatters.Length == 0)
            throw new InvalidOperationException("The county's data has no village with a dispatcher, or no village- or township-level matter.");
    }

    public string VillageDispatchers => string.Join(", ", _villagesWithDispatchers.Select(v => v.Village));

    /// <summary>Case number <paramref name="number"/> of the day (the same case for the same seed).</summary>
    public Case Draw(int number)
    {
        var random = new Random(unchecked(_seed * 1_000_003 + number));
        var roll = random.NextDouble() * 100;
        var solvedAt = roll < _mix.Village ? SolvedAt.Village : roll < _mix.Village + _mix.Township ? SolvedAt.Township : SolvedAt.County;
        var @operator = _operators[random.Next(_operators.Length)];
        var returned = random.NextDouble() * 100 < _mix.Returned;
        var reopened = random.NextDouble() * 100 < _mix.Reopened;
        var duplicate = random.NextDouble() * 100 < _mix.Duplicates;
        if (solvedAt == SolvedAt.County)
        {
            var (village, township) = _allVillages[random.Next(_allVillages.Length)];
            var matter = _townshipMatters[random.Next(_townshipMatters.Length)];
            var summoned = matter.Departments.Concat(_departmentUsers.Keys.Except(matter.Departments).OrderBy(_ => random.Next()))
                .Take(random.Next(1, 4)).Select(code => (code, _departmentUsers[code])).ToList();
            return new Case(solvedAt, @operator, village, township, null, _county, matter.Code, summoned, returned, reopened, duplicate, number);
        }
        var (code, townshipDispatcher, villageDispatcher) = _villagesWithDispatchers[random.Next(_villagesWithDispatchers.Length)];
        var villageMatter = _villageMatters[random.Next(_villageMatters.Length)];
        return new Case(solvedAt, @operator, code, townshipDispatcher, villageDispatcher, _county, villageMatter.Code, [], returned, reopened, duplicate, number);
    }

    /// <summary>The mean number of API calls per case over the first <paramref name="cases"/> cases.</summary>
    public double MeanRequests(int cases = 10_000) => Enumerable.Range(0, cases).Average(i => Draw(i).Requests);

    public static string Description(int number) => $"{Descriptions[number % Descriptions.Length]}（来电编号 {number:D6}）";

    public static string Address(int number) => $"{number % 12 + 1}组{number % 40 + 1}号附近";

    /// <summary>The body of POST /api/tickets for case <paramref name="number"/>.</summary>
    public static ReportRequest Ticket(int number, string villageCode, string? categoryCode) => new(
        Channels[number % Channels.Length],
        Description(number),
        new CitizenRequest("王秀英", $"138{number % 100_000_000:D8}"),
        new LocationRequest(villageCode, null, Address(number)),
        categoryCode,
        number % 20 == 0 ? "urgent" : "normal");

    /// <summary>The whole case through the API; its first call is planned at <paramref name="plannedAt"/>.</summary>
    public static async Task RunAsync(CountyApi api, Case c, long plannedAt)
    {
        var id = await api.OpenAsync(c.Operator, Ticket(c.Number, c.VillageCode, c.CategoryCode), plannedAt);
        var triage = new TriageRequest(c.CategoryCode, null);
        await api.DoAsync(c.TownshipDispatcher, id, "triage", triage);
        if (c.Duplicate)
        {
            var duplicate = await api.OpenAsync(c.Operator, Ticket(c.Number + 1_000_000, c.VillageCode, null));
            await api.DoAsync(c.TownshipDispatcher, duplicate, "merge", new MergeRequest(id));
        }

        var first = c.VillageDispatcher ?? c.TownshipDispatcher;
        if (c.Returned)
        {
            await api.DoAsync(first, id, "return", new ReasonRequest("不属于本级职责，请重新派单"));
            await api.DoAsync(c.TownshipDispatcher, id, "triage", triage);
        }
        await api.DoAsync(first, id, "accept");

        var holder = first;
        if (c.SolvedAt != SolvedAt.Village)
        {
            await api.DoAsync(holder, id, "escalate", new EscalateRequest("beyond-powers", "超出本级职权，请上级协调"));
            holder = c.SolvedAt == SolvedAt.Township ? c.TownshipDispatcher : c.CountyDispatcher;
            await api.DoAsync(holder, id, "accept");
        }
        if (c.SolvedAt == SolvedAt.County)
        {
            var whistle = await api.DoAsync(holder, id, "whistles", new BlowWhistleRequest([.. c.Summoned.Select(d => d.Code)], "需多部门联合处置"), "whistle");
            var whistleId = whistle.GetProperty("whistleId").GetGuid();
            foreach (var (_, user) in c.Summoned)
                await api.DoAsync(user, id, $"whistles/{whistleId}/report-in", new ReportInRequest(true, "已到场"), "report-in");
        }

        await api.DoAsync(holder, id, "progress", new NoteRequest("已联系当事人，正在处理"));
        await api.DoAsync(holder, id, "resolve", new ResolveRequest("已处理完毕，现场已恢复"));
        if (c.Reopened)
        {
            await api.DoAsync(c.Operator, id, "rating", new RateRequest("unsatisfied", "问题没有彻底解决"));
            await api.DoAsync(holder, id, "resolve", new ResolveRequest("再次上门处理，已彻底解决"));
        }
        await api.DoAsync(c.Operator, id, "rating", new RateRequest("satisfied", null));
        await api.DoAsync(holder, id, "close");
    }
}
