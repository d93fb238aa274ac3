using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Escalation.IntegrationTests.Infrastructure;
using MiniExcelLibs;

namespace Escalation.IntegrationTests.Joint;

/// <summary>
/// Joint handling (#18) through the real host: a community's whistle to two departments, its six steps, and the
/// month's two-way assessment checked against a count made here from the raw events.
/// </summary>
public sealed class JointHandlingTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private const string Street = "SC-S01";
    private const string Community = "SC-S01-C01";

    private readonly HttpClient _operator = app.ClientFor("op-01");
    private readonly HttpClient _street = app.ClientFor("disp-SC-S01");
    private readonly HttpClient _community = app.ClientFor("disp-SC-S01-C01");
    private readonly HttpClient _urban = app.ClientFor("dept-D-UM");
    private readonly HttpClient _market = app.ClientFor("dept-D-MR");
    private readonly HttpClient _auditor = app.ClientFor("aud-01");

    [Fact]
    public async Task a_communitys_whistle_to_two_departments_goes_through_the_six_steps_and_the_months_assessment_weighs_each_department_at_forty_percent()
    {
        var start = app.Clock.GetUtcNow();
        var id = await _operator.ReportAsync(Api.NewTicket("商铺占道经营，居民出行受阻", Community, "M-LE-04"));
        await _street.DoAsync(id, "triage", new { categoryCode = "M-LE-04", unitCode = Community });
        await _community.DoAsync(id, "accept");

        // 吹哨: the community summons urban management and market regulation.
        var whistleId = (await _community.DoAsync(id, "whistles", new { departmentCodes = new[] { "D-UM", "D-MR" }, reason = "店外经营屡劝不改，需执法" }))
            .GetProperty("whistleId").GetGuid();
        // 报到: both come.
        app.Clock.Advance(TimeSpan.FromMinutes(40));
        await _urban.DoAsync(id, $"whistles/{whistleId}/report-in", new { onSite = true, note = "中队长到场" });
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        await _market.DoAsync(id, $"whistles/{whistleId}/report-in", new { onSite = false });

        // 会商: two parts agreed, each due in a day.
        var due = app.Clock.GetUtcNow().AddDays(1);
        var conference = await _community.DoAsync(id, $"whistles/{whistleId}/conference", new
        {
            participants = new[] { Community, "D-UM", "D-MR" },
            minutes = "城管负责清理占道，市场监管核查营业执照",
            parts = new[]
            {
                new { party = "D-UM", task = "清理占道物品并责令整改", due },
                new { party = "D-MR", task = "核查商户营业执照", due },
            },
        });
        var partIds = conference.GetProperty("partIds").EnumerateArray().Select(p => p.GetGuid()).ToArray();
        partIds.Length.ShouldBe(2);

        // 落实, 反馈: urban management on time, market regulation a day late; the community cannot resolve before both.
        app.Clock.Advance(TimeSpan.FromHours(6));
        await _urban.DoAsync(id, $"parts/{partIds[0]}/feedback", new { note = "已清理，商户签字整改" });
        var early = await _community.CommandAsync(id, "resolve", new { summary = "已处理" });
        await early.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity);
        (await early.Content.ReadFromJsonAsync<JsonElement>(Api.Json)).GetProperty("code").GetString().ShouldBe("parts-outstanding");
        app.Clock.Advance(TimeSpan.FromDays(2));
        await _market.DoAsync(id, $"parts/{partIds[1]}/feedback", new { note = "执照已核查，责令补办" });
        await _community.DoAsync(id, "resolve", new { summary = "占道清理完毕，商户补办执照" });

        // 评价: the community evaluates both; urban management marks the whistle justified, market regulation frivolous.
        await _community.DoAsync(id, $"whistles/{whistleId}/evaluations", new { departmentCode = "D-UM", onTime = true, attitude = 5, result = 5, score = 95 });
        await _community.DoAsync(id, $"whistles/{whistleId}/evaluations", new { departmentCode = "D-MR", onTime = false, attitude = 4, result = 3, score = 68, comment = "反馈超时" });
        await _urban.DoAsync(id, $"whistles/{whistleId}/whistle-evaluation", new { justified = true, withinWhistlerPowers = false });
        await _market.DoAsync(id, $"whistles/{whistleId}/whistle-evaluation", new { justified = false, withinWhistlerPowers = true, comment = "社区可自行劝导" });

        // The attendance record (报到情况记录单) of the whistle.
        var record = await _street.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}/whistles/{whistleId}", Api.Json);
        record.GetProperty("whistle").GetProperty("reportIns").EnumerateArray().Select(r => r.GetProperty("party").GetString()).ShouldBe(["D-UM", "D-MR"]);
        record.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("onTime").GetBoolean()).ShouldBe([true, false]);

        // Another month's whistle, which November's assessment must leave out.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.FromHours(8)));
        var december = await _operator.ReportAsync(Api.NewTicket("违章搭建", "SC-T01-V01", "M-LE-06"));
        var township = app.ClientFor("disp-SC-T01");
        await township.DoAsync(december, "triage", new { categoryCode = "M-LE-06" });
        await township.DoAsync(december, "accept");
        var decemberWhistle = (await township.DoAsync(december, "whistles", new { departmentCodes = new[] { "D-UM" }, reason = "需执法" })).GetProperty("whistleId").GetGuid();
        await _urban.DoAsync(december, $"whistles/{decemberWhistle}/report-in", new { onSite = true });
        await township.DoAsync(december, $"whistles/{decemberWhistle}/evaluations", new { departmentCode = "D-UM", onTime = true, attitude = 2, result = 2, score = 20 });

        // The other tests of the class share the database: the count takes every ticket there is.
        var tickets = (await _auditor.GetFromJsonAsync<JsonElement>("/api/tickets?queue=all&pageSize=200", Api.Json)).GetProperty("items")
            .EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ToArray();
        tickets.ShouldContain(id);
        tickets.ShouldContain(december);
        var november = await _auditor.GetFromJsonAsync<JsonElement>("/api/assessment?unit=SC&month=2026-11", Api.Json);
        var expected = await ExpectedAsync(tickets, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(8)), 1);
        Departments(november).ShouldBe(expected.Departments);
        Whistlers(november).ShouldBe(expected.Whistlers);
        // What the story says, in the count's own words: each department with its score at the county's 40%.
        expected.Departments.Where(d => d.Code is "D-MR" or "D-UM").Select(d => (d.Code, d.Score, d.WeightedScore)).ShouldBe([("D-MR", 68m, 27.2m), ("D-UM", 95m, 38m)]);

        var year = await _auditor.GetFromJsonAsync<JsonElement>("/api/assessment?unit=SC&period=year&year=2026", Api.Json);
        var wholeYear = await ExpectedAsync(tickets, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)), 12);
        Departments(year).ShouldBe(wholeYear.Departments);
        Whistlers(year).ShouldBe(wholeYear.Whistlers);
        Departments(year).Single(d => d.Code == "D-UM").Evaluations.ShouldBe(Departments(november).Single(d => d.Code == "D-UM").Evaluations + 1);

        // The street sees its community's whistles only.
        Whistlers(await _street.GetFromJsonAsync<JsonElement>("/api/assessment?month=2026-11", Api.Json)).Select(w => w.Code).ShouldBe([Community]);

        // The same rows as CSV and xlsx.
        var csv = (await _auditor.GetStringAsync("/api/assessment?unit=SC&month=2026-11&format=csv")).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        csv[0].ShouldStartWith("code,nameZh,nameEn,summoned,reportedIn");
        csv.Skip(1).Select(line => line.Split(',')[0]).ShouldBe(expected.Departments.Select(d => d.Code));
        csv.Skip(1).Select(line => line.Split(',')[^1]).ShouldBe(expected.Departments.Select(d => d.WeightedScore?.ToString(CultureInfo.InvariantCulture) ?? ""));
        await using var xlsx = await _auditor.GetStreamAsync("/api/assessment?unit=SC&month=2026-11&format=xlsx");
        using var book = new MemoryStream();
        await xlsx.CopyToAsync(book);
        book.Query(useHeaderRow: true, sheetName: "departments").Cast<IDictionary<string, object>>()
            .Select(r => ((string)r["code"], r["weightedScore"] is null ? (decimal?)null : Convert.ToDecimal(r["weightedScore"], CultureInfo.InvariantCulture)))
            .ShouldBe(expected.Departments.Select(d => (d.Code, d.WeightedScore)));
        book.Query(useHeaderRow: true, sheetName: "whistlers").Cast<IDictionary<string, object>>()
            .Select(r => ((string)r["code"], Convert.ToInt32(r["frivolous"], CultureInfo.InvariantCulture)))
            .ShouldBe(expected.Whistlers.Select(w => (w.Code, w.Frivolous)));
        start.ShouldBeLessThan(app.Clock.GetUtcNow());
    }

    [Fact]
    public async Task bad_assessment_parameters_are_problems_naming_the_field()
    {
        var response = await _auditor.GetAsync("/api/assessment?month=2026-13&period=week&side=both");
        await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Api.Json)).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Order().ShouldBe(["month", "period", "side"]);
        (await _urban.GetAsync("/api/assessment")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _street.GetAsync("/api/assessment?unit=SC-T01")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task the_console_offers_the_steps_after_report_in_prints_the_attendance_record_and_shows_the_assessment_on_the_board()
    {
        var township = app.ClientFor("disp-SC-T01");
        var id = await _operator.ReportAsync(Api.NewTicket("违章搭建影响通行", "SC-T01-V01", "M-LE-06"));
        await township.DoAsync(id, "triage", new { categoryCode = "M-LE-06" });
        await township.DoAsync(id, "accept");
        var whistleId = (await township.DoAsync(id, "whistles", new { departmentCodes = new[] { "D-UM" }, reason = "需执法拆除" })).GetProperty("whistleId").GetGuid();
        await _urban.DoAsync(id, $"whistles/{whistleId}/report-in", new { onSite = true });

        var console = await Escalation.IntegrationTests.WebConsole.ConsoleClient.SignedInAsync(app, "disp-SC-T01");
        var page = await (await console.GetAsync($"/tickets/{id}")).Content.ReadAsStringAsync();
        page.ShouldContain("data-action=\"conference\"");
        var held = await console.PostFormAsync($"/tickets/{id}", $"/tickets/{id}?handler=conference", new()
        {
            ["whistleId"] = whistleId.ToString(), ["minutes"] = "城管负责拆除", ["participants"] = "D-UM",
            ["partParty"] = "D-UM", ["partTask"] = "限期拆除", ["partDue"] = app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).AddDays(1).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
        });
        held.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var department = await Escalation.IntegrationTests.WebConsole.ConsoleClient.SignedInAsync(app, "dept-D-UM");
        var partId = (await _auditor.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}/whistles/{whistleId}", Api.Json)).GetProperty("parts")[0].GetProperty("id").GetGuid();
        (await department.PostFormAsync($"/tickets/{id}", $"/tickets/{id}?handler=feedBack", new() { ["whistleId"] = partId.ToString(), ["note"] = "已拆除" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await department.PostFormAsync($"/tickets/{id}", $"/tickets/{id}?handler=evaluateWhistle", new() { ["whistleId"] = whistleId.ToString(), ["justified"] = "true", ["withinWhistlerPowers"] = "false" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var refused = await console.PostFormAsync($"/tickets/{id}", $"/tickets/{id}?handler=evaluateDepartment", new()
        {
            ["whistleId"] = whistleId.ToString(), ["departmentCode"] = "D-UM", ["onTime"] = "true", ["attitude"] = "9", ["result"] = "5", ["score"] = "90",
        });
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        var record = await (await console.GetAsync($"/tickets/{id}/whistles/{whistleId}/record")).Content.ReadAsStringAsync();
        record.ShouldContain("data-testid=\"attendance-record-sheet\"");
        record.ShouldContain("限期拆除");
        record.ShouldContain("data-party=\"D-UM\"");
        (await console.GetAsync($"/tickets/{id}/whistles/{Guid.NewGuid()}/record")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var board = await (await (await Escalation.IntegrationTests.WebConsole.ConsoleClient.SignedInAsync(app, "aud-01")).GetAsync("/board?unit=SC")).Content.ReadAsStringAsync();
        board.ShouldContain("data-testid=\"assessment-departments\"");
    }

    [Fact]
    public async Task a_transfer_names_co_handlers_the_fallback_owner_takes_what_nobody_can_and_a_named_handler_sees_the_ticket_as_mine()
    {
        var county = app.ClientFor("disp-SC");
        var township = app.ClientFor("disp-SC-T01");
        var id = await _operator.ReportAsync(Api.NewTicket("违章搭建", "SC-T01-V01", "M-LE-06"));
        await township.DoAsync(id, "triage", new { categoryCode = "M-LE-06" });
        await township.DoAsync(id, "accept");

        // A named handler: the township names its dispatcher; the ticket is in their "mine" queue until it leaves the township.
        await township.DoAsync(id, "handler", new { userId = "disp-SC-T01" });
        (await township.GetFromJsonAsync<JsonElement>("/api/tickets?queue=mine", Api.Json)).GetProperty("items").EnumerateArray()
            .Select(t => t.GetProperty("id").GetGuid()).ShouldBe([id]);
        var stranger = await township.CommandAsync(id, "handler", new { userId = "disp-SC-T02" });
        await stranger.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity);
        await township.DoAsync(id, "escalate", new { reason = "beyond-powers" });
        (await township.GetFromJsonAsync<JsonElement>("/api/tickets?queue=mine", Api.Json)).GetProperty("total").GetInt64().ShouldBe(0);

        // Lead and co-handler: the county transfers to housing, urban management co-handles; housing waits for its part.
        await county.DoAsync(id, "accept");
        await county.DoAsync(id, "transfer", new { departmentCode = "D-HC", coHandlers = new[] { new { departmentCode = "D-UM", task = "现场执法" } } });
        var housing = app.ClientFor("dept-D-HC");
        await housing.DoAsync(id, "accept");
        (await housing.CommandAsync(id, "resolve", new { summary = "已处理" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var view = await _urban.TicketAsync(id);
        var part = view.GetProperty("joint").GetProperty("parts")[0];
        part.GetProperty("lead").GetString().ShouldBe("D-HC");
        await _urban.DoAsync(id, $"parts/{part.GetProperty("id").GetGuid()}/feedback", new { note = "已执法" });
        await housing.DoAsync(id, "resolve", new { summary = "已拆除" });
        (await _urban.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}/clocks", Api.Json)).ToString().ShouldContain("part");

        // The fallback owner (兜底): a request no unit can be found for goes to the county with its own clock.
        var orphan = await _operator.ReportAsync(Api.NewTicket("不明来源的噪音", "SC-T01-V01", null));
        await township.DoAsync(orphan, "fallback", new { reason = "无对应职能部门" });
        var orphaned = await _auditor.TicketAsync(orphan);
        orphaned.GetProperty("holdingUnitCode").GetString().ShouldBe("SC");
        orphaned.GetProperty("clocks").EnumerateArray().Select(c => c.GetProperty("clock").GetString()).ShouldContain("fallback");
        var bad = await township.CommandAsync(orphan, "fallback", new { });
        await bad.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task a_village_summons_its_own_township_which_reports_in_as_a_department_does()
    {
        var village = app.ClientFor("disp-SC-T01-V01");
        var township = app.ClientFor("disp-SC-T01");
        var id = await _operator.ReportAsync(Api.NewTicket("路灯不亮", "SC-T01-V01", "M-LE-01"));
        await township.DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
        await village.DoAsync(id, "accept");
        var whistleId = (await village.DoAsync(id, "whistles", new { departmentCodes = new[] { "SC-T01", "D-UM" }, reason = "需镇里协调" })).GetProperty("whistleId").GetGuid();
        await township.DoAsync(id, $"whistles/{whistleId}/report-in", new { onSite = true });
        (await township.CommandAsync(id, $"whistles/{whistleId}/report-in", new { onSite = true })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var other = await village.CommandAsync(id, "whistles", new { departmentCodes = new[] { "SC-T02" }, reason = "别的镇" });
        await other.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity);
    }

    private sealed record Row(string Code, int Summoned, int ReportedIn, int Parts, int PartsOnTime, int Evaluations, decimal? Score, decimal? WeightedScore, int JudgedFrivolous);

    private sealed record WhistlerRow(string Code, int Whistles, int Summoned, int ReportedIn, int Conferences, int WhistlesJudged, int Frivolous);

    private static List<Row> Departments(JsonElement report) => [.. report.GetProperty("departments").EnumerateArray().Select(d => new Row(
        d.GetProperty("code").GetString()!, d.GetProperty("summoned").GetInt32(), d.GetProperty("reportedIn").GetInt32(), d.GetProperty("parts").GetInt32(),
        d.GetProperty("partsOnTime").GetInt32(), d.GetProperty("evaluations").GetInt32(), Decimal(d.GetProperty("score")), Decimal(d.GetProperty("weightedScore")),
        d.GetProperty("judgedFrivolous").GetInt32()))];

    private static List<WhistlerRow> Whistlers(JsonElement report) => [.. report.GetProperty("whistlers").EnumerateArray().Select(w => new WhistlerRow(
        w.GetProperty("code").GetString()!, w.GetProperty("whistles").GetInt32(), w.GetProperty("summoned").GetInt32(), w.GetProperty("reportedIn").GetInt32(),
        w.GetProperty("conferences").GetInt32(), w.GetProperty("whistlesJudged").GetInt32(), w.GetProperty("frivolous").GetInt32()))];

    private static decimal? Decimal(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetDecimal();

    /// <summary>The assessment counted here from the tickets' raw events: each figure in the period of the whistle it belongs to.</summary>
    private async Task<(List<Row> Departments, List<WhistlerRow> Whistlers)> ExpectedAsync(Guid[] tickets, DateTimeOffset from, int months)
    {
        var to = from.AddMonths(months);
        var events = new List<(string Type, JsonElement Data)>();
        foreach (var ticket in tickets)
        {
            var history = await _auditor.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticket}/history", Api.Json);
            events.AddRange(history.EnumerateArray().Select(e => (e.GetProperty("type").GetString()!, e.GetProperty("data"))));
        }
        IEnumerable<JsonElement> Of(string type) => events.Where(e => e.Type == type).Select(e => e.Data);
        var whistles = Of("WhistleBlown").Where(w => w.GetProperty("at").GetDateTimeOffset() >= from && w.GetProperty("at").GetDateTimeOffset() < to).ToList();
        var ids = whistles.Select(w => w.GetProperty("whistleId").GetGuid()).ToHashSet();
        bool Counted(JsonElement e) => ids.Contains(e.GetProperty("whistleId").GetGuid());
        bool InPeriod(JsonElement e) => e.GetProperty("at").GetDateTimeOffset() >= from && e.GetProperty("at").GetDateTimeOffset() < to;
        var coHandled = Of("CoHandlersNamed").Where(InPeriod).SelectMany(c => c.GetProperty("parts").EnumerateArray()).ToList();
        var coParts = coHandled.Select(p => p.GetProperty("partId").GetGuid()).ToHashSet();
        var parts = Of("ConferenceHeld").Where(Counted).SelectMany(c => c.GetProperty("parts").EnumerateArray()).Concat(coHandled).ToList();
        var fedBack = Of("PartFedBack").Where(f => f.GetProperty("whistleId").ValueKind == JsonValueKind.Null ? coParts.Contains(f.GetProperty("partId").GetGuid()) : Counted(f)).ToList();
        var evaluations = Of("DepartmentEvaluated").Where(Counted).ToList();
        var judgements = Of("WhistleEvaluated").Where(Counted).ToList();
        var reportIns = Of("DepartmentReportedIn").Where(Counted).ToList();
        const decimal weight = 0.4m;

        var departments = whistles.SelectMany(w => w.GetProperty("departmentCodes").EnumerateArray().Select(d => d.GetString()!))
            .Concat(parts.Select(p => p.GetProperty("party").GetString()!)).Distinct().Order(StringComparer.Ordinal)
            .Select(code =>
            {
                var scores = evaluations.Where(e => e.GetProperty("departmentCode").GetString() == code).Select(e => e.GetProperty("score").GetDecimal()).ToList();
                decimal? score = scores.Count == 0 ? null : Math.Round(scores.Average(), 2);
                return new Row(
                    code,
                    whistles.Count(w => w.GetProperty("departmentCodes").EnumerateArray().Any(d => d.GetString() == code)),
                    reportIns.Count(r => r.GetProperty("departmentCode").GetString() == code),
                    parts.Count(p => p.GetProperty("party").GetString() == code),
                    fedBack.Count(f => f.GetProperty("party").GetString() == code && f.GetProperty("at").GetDateTimeOffset() <= f.GetProperty("due").GetDateTimeOffset()),
                    scores.Count, score, score * weight is { } weighted ? Math.Round(weighted, 2) : null,
                    judgements.Count(j => j.GetProperty("departmentCode").GetString() == code && j.GetProperty("frivolous").GetBoolean()));
            }).ToList();
        var whistlers = whistles.GroupBy(w => w.GetProperty("blownByUnitCode").GetString()!).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var own = g.Select(w => w.GetProperty("whistleId").GetGuid()).ToHashSet();
            bool Own(JsonElement e) => own.Contains(e.GetProperty("whistleId").GetGuid());
            return new WhistlerRow(
                g.Key, g.Count(), g.Sum(w => w.GetProperty("departmentCodes").GetArrayLength()), reportIns.Count(Own),
                Of("ConferenceHeld").Count(Own), judgements.Count(Own), judgements.Count(j => Own(j) && j.GetProperty("frivolous").GetBoolean()));
        }).ToList();
        return (departments, whistlers);
    }
}
