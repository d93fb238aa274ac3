using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Escalation.Domain;
using Escalation.Domain.Timers;
using Escalation.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Escalation.IntegrationTests.ReadModels;

/// <summary>
/// The running clocks, the nearest deadline and the warning light of each ticket, taken from the timers' events alone;
/// the queues sorted by deadline; the warning board. The timers' events are appended here as the timers append them.
/// </summary>
public sealed class WarningLightTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private readonly HttpClient _operator = app.ClientFor("op-01");
    private readonly HttpClient _auditor = app.ClientFor("aud-01");
    private readonly DateTimeOffset _t0 = app.Clock.GetUtcNow();

    private sealed record Clk(string Clock, string Holder, DateTimeOffset YellowAt, DateTimeOffset Deadline, Guid? WhistleId, string Light, bool Running);

    private sealed record Row(string Code, string Name, int Yellow, int Red);

    private sealed record Board(string Unit, int Yellow, int Red, Row Own, Row[] Units, Row[] Departments);

    [Fact]
    public async Task the_view_keeps_the_clocks_their_lights_and_the_nearest_deadline_of_those_running()
    {
        var township = app.ClientFor("disp-SC-T01");
        var village = app.ClientFor("disp-SC-T01-V01");
        var id = await _operator.ReportAsync();
        await township.DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
        var accept = new Clk("accept", "SC-T01-V01", _t0.AddMinutes(90), _t0.AddHours(2), null, "none", Running: true);

        // A limit the test sets replaces the one the host started with the triage.
        await AppendAsync(id, Started(id, Clock.Accept, "SC-T01-V01", 90, 120));
        (await ClocksAsync(id)).ShouldBe([accept]);
        (await LightAsync(id)).ShouldBe(("none", _t0.AddHours(2)));

        await AppendAsync(id, Lit(id, Clock.Accept, Light.Yellow, "SC-T01-V01", 120));
        (await ClocksAsync(id)).ShouldBe([accept with { Light = "yellow" }]);
        (await LightAsync(id)).ShouldBe(("yellow", _t0.AddHours(2)));

        // A light for a limit since replaced (another deadline) changes nothing.
        await AppendAsync(id, Lit(id, Clock.Accept, Light.Red, "SC-T01-V01", 60));
        (await LightAsync(id)).ShouldBe(("yellow", _t0.AddHours(2)));
        (await MissedDeadlinesAsync(id)).ShouldBe(0);

        await AppendAsync(id, Lit(id, Clock.Accept, Light.Red, "SC-T01-V01", 120));
        (await LightAsync(id)).ShouldBe(("red", _t0.AddHours(2)));
        (await MissedDeadlinesAsync(id)).ShouldBe(1);

        // Accepted: the accept clock stops (its red stays on it) and the host starts the clock to resolve.
        await village.DoAsync(id, "accept");
        var clocks = await ClocksAsync(id);
        clocks.Select(c => (c.Clock, c.Holder, c.Light, c.Running)).ShouldBe([("accept", "SC-T01-V01", "red", false), ("resolve", "SC-T01-V01", "none", true)]);
        (await LightAsync(id)).ShouldBe(("none", clocks[1].Deadline));

        // Escalated: the township must accept; the village's clock to resolve stops.
        await village.DoAsync(id, "escalate", new { reason = "beyond-powers" });
        (await ClocksAsync(id)).Where(c => c.Running).Select(c => (c.Clock, c.Holder)).ShouldBe([("accept", "SC-T01")]);
        (await MissedDeadlinesAsync(id)).ShouldBe(1, "a missed limit stays on record after the ticket moves on");
    }

    [Fact]
    public async Task a_clock_runs_whenever_the_timers_would_judge_it_running_so_a_returned_transfer_revives_the_countys()
    {
        var county = app.ClientFor("disp-SC");
        var id = await _operator.ReportAsync(Api.NewTicket(villageCode: "SC-T03-V01"));
        await app.ClientFor("disp-SC-T03").DoAsync(id, "triage", new { categoryCode = "M-LE-01", unitCode = "SC" });
        await county.DoAsync(id, "accept");
        await county.DoAsync(id, "transfer", new { departmentCode = "D-UM" });
        (await ClocksAsync(id)).Where(c => c.Running).Select(c => (c.Clock, c.Holder)).ShouldBe([("accept", "D-UM")]);

        await app.ClientFor("dept-D-UM").DoAsync(id, "return", new { reason = "不属于本局职责" });

        (await ClocksAsync(id)).Where(c => c.Running).Select(c => (c.Clock, c.Holder)).ShouldBe([("resolve", "SC")]);
    }

    [Fact]
    public async Task a_report_in_clock_stops_when_its_department_reports_in_or_returns_the_summons_and_all_stop_at_resolution()
    {
        var township = app.ClientFor("disp-SC-T02");
        var id = await _operator.ReportAsync(Api.NewTicket(villageCode: "SC-T02-V01"));
        await township.DoAsync(id, "triage", new { categoryCode = "M-LE-01", unitCode = "SC-T02" });
        await township.DoAsync(id, "accept");
        var whistleId = (await township.DoAsync(id, "whistles", new { departmentCodes = new[] { "D-UM", "D-MR", "D-PS" }, reason = "联合执法" }))
            .GetProperty("whistleId").GetGuid();

        await AppendAsync(id,
            Started(id, Clock.Resolve, "SC-T02", 60 * 54, 60 * 72),
            Started(id, Clock.ReportIn, "D-UM", 90, 120, whistleId),
            Started(id, Clock.ReportIn, "D-MR", 90, 120, whistleId),
            Started(id, Clock.ReportIn, "D-PS", 90, 120, whistleId),
            Lit(id, Clock.ReportIn, Light.Yellow, "D-PS", 120, whistleId),
            Started(id, Clock.ReportIn, "D-PS", 150, 180, whistleId));
        (await ClocksAsync(id)).Select(c => (c.Clock, c.Holder, c.Light, c.Running)).ShouldBe(
            [("accept", "SC-T02", "none", false), ("resolve", "SC-T02", "none", true),
             ("report-in", "D-UM", "none", true), ("report-in", "D-MR", "none", true), ("report-in", "D-PS", "none", true)]);
        (await LightAsync(id)).ShouldBe(("none", _t0.AddHours(2)));

        await app.ClientFor("dept-D-UM").DoAsync(id, $"whistles/{whistleId}/report-in", new { onSite = true });
        await app.ClientFor("dept-D-MR").DoAsync(id, $"whistles/{whistleId}/return", new { reason = "不属于本局" });
        (await ClocksAsync(id)).Where(c => c.Running).Select(c => c.Holder).ShouldBe(["SC-T02", "D-PS"]);
        (await LightAsync(id)).ShouldBe(("none", _t0.AddHours(3)));

        await township.DoAsync(id, "resolve", new { summary = "已联合整治" });
        // What runs now is the callback desk's: its clock to call back, and the rating window.
        var running = (await ClocksAsync(id)).Where(c => c.Running).ToList();
        running.Select(c => c.Clock).ShouldBe(["callback", "rating-window"]);
        (await LightAsync(id)).ShouldBe(("none", (DateTimeOffset?)running[0].Deadline));
    }

    [Fact]
    public async Task the_queue_puts_the_nearest_deadline_first_and_tickets_without_one_last_and_filters_by_light()
    {
        var township = app.ClientFor("disp-SC-T04");
        var later = await TriagedAsync("SC-T04-V01", "disp-SC-T04");
        var sooner = await TriagedAsync("SC-T04-V02", "disp-SC-T04");
        var none = await _operator.ReportAsync(Api.NewTicket(villageCode: "SC-T04-V03"));
        var red = await TriagedAsync("SC-T04-V04", "disp-SC-T04");
        await AppendAsync(later, Started(later, Clock.Accept, "SC-T04-V01", 150, 180));
        await AppendAsync(sooner, Started(sooner, Clock.Accept, "SC-T04-V02", 30, 60));
        await AppendAsync(red, Started(red, Clock.Accept, "SC-T04-V04", 90, 120), Lit(red, Clock.Accept, Light.Red, "SC-T04-V04", 120));

        (await QueueAsync(township, "unit=SC-T04")).ShouldBe([sooner, red, later, none]);
        (await QueueAsync(township, "unit=SC-T04&light=red")).ShouldBe([red]);
        (await QueueAsync(township, "unit=SC-T04&light=yellow")).ShouldBeEmpty();
        var refused = await township.GetAsync("/api/tickets?light=purple");
        await refused.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        (await refused.Content.ReadFromJsonAsync<JsonElement>(Api.Json)).GetProperty("errors").TryGetProperty("light", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task the_board_counts_lights_per_unit_below_rolled_up_and_per_department()
    {
        var township = app.ClientFor("disp-SC-T05");
        var yellowAtVillage = await TriagedAsync("SC-T05-V01", "disp-SC-T05");
        var redAtVillage = await TriagedAsync("SC-T05-V02", "disp-SC-T05");
        var atTownship = await _operator.ReportAsync(Api.NewTicket(villageCode: "SC-T05-V03"));
        await township.DoAsync(atTownship, "triage", new { categoryCode = "M-LE-01", unitCode = "SC-T05" });
        await township.DoAsync(atTownship, "accept");
        var whistleId = (await township.DoAsync(atTownship, "whistles", new { departmentCodes = new[] { "D-UM", "D-MR" }, reason = "联合执法" }))
            .GetProperty("whistleId").GetGuid();

        await AppendAsync(yellowAtVillage, Started(yellowAtVillage, Clock.Accept, "SC-T05-V01", 90, 120), Lit(yellowAtVillage, Clock.Accept, Light.Yellow, "SC-T05-V01", 120));
        await AppendAsync(redAtVillage, Started(redAtVillage, Clock.Accept, "SC-T05-V02", 90, 120), Lit(redAtVillage, Clock.Accept, Light.Red, "SC-T05-V02", 120));
        await AppendAsync(atTownship,
            Started(atTownship, Clock.Resolve, "SC-T05", 60, 120), Lit(atTownship, Clock.Resolve, Light.Red, "SC-T05", 120),
            Started(atTownship, Clock.ReportIn, "D-UM", 90, 120, whistleId), Lit(atTownship, Clock.ReportIn, Light.Red, "D-UM", 120, whistleId),
            Started(atTownship, Clock.ReportIn, "D-MR", 90, 120, whistleId), Lit(atTownship, Clock.ReportIn, Light.Yellow, "D-MR", 120, whistleId));

        var board = await BoardAsync(township, "");
        board.Unit.ShouldBe("SC-T05");
        (board.Yellow, board.Red).ShouldBe((2, 3));
        Lights(board.Own).ShouldBe(("SC-T05", 0, 1));
        board.Units.Where(u => u.Yellow + u.Red > 0).Select(Lights).ShouldBe([("SC-T05-V01", 1, 0), ("SC-T05-V02", 0, 1)]);
        board.Units.Length.ShouldBeGreaterThan(2);
        board.Departments.Where(d => d.Yellow + d.Red > 0).Select(Lights).ShouldBe([("D-UM", 0, 1), ("D-MR", 1, 0)], ignoreOrder: true);
        board.Departments.Length.ShouldBeGreaterThan(2);

        var county = await BoardAsync(_auditor, "");
        county.Unit.ShouldBe("SC");
        Lights(county.Units.Single(u => u.Code == "SC-T05")).ShouldBe(("SC-T05", 1, 2));

        (await BoardAsync(township, "unit=SC-T05-V02")).ShouldSatisfyAllConditions(
            b => b.Own.Red.ShouldBe(1),
            b => b.Units.ShouldBeEmpty());
    }

    [Theory]
    [InlineData("disp-SC-T05", "unit=SC-T04", 403)]
    [InlineData("disp-SC-T05", "unit=SC", 403)]
    [InlineData("disp-SC-T05", "unit=NOWHERE", 400)]
    [InlineData("op-01", "", 403)]
    [InlineData("dept-D-UM", "", 403)]
    [InlineData("admin", "unit=SC-T04", 200)]
    public async Task who_may_see_which_board(string user, string query, int status)
    {
        var response = await app.ClientFor(user).GetAsync($"/api/board?{query}");

        await response.ShouldHaveStatusAsync((HttpStatusCode)status);
        if (status >= 400)
            (response.Content.Headers.ContentType?.MediaType).ShouldBe("application/problem+json");
    }

    private static (string Code, int Yellow, int Red) Lights(Row row) => (row.Code, row.Yellow, row.Red);

    private async Task<Guid> TriagedAsync(string villageCode, string dispatcher)
    {
        var id = await _operator.ReportAsync(Api.NewTicket(villageCode: villageCode));
        await app.ClientFor(dispatcher).DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
        return id;
    }

    private TimeLimitStarted Started(Guid id, Clock clock, string holder, int yellowAfterMinutes, int deadlineAfterMinutes, Guid? whistleId = null) =>
        new(id, Actor.System, _t0, clock, holder, _t0.AddMinutes(yellowAfterMinutes), _t0.AddMinutes(deadlineAfterMinutes), whistleId);

    private WarningLightLit Lit(Guid id, Clock clock, Light light, string holder, int deadlineAfterMinutes, Guid? whistleId = null) =>
        new(id, Actor.System, _t0, clock, light, holder, _t0.AddMinutes(deadlineAfterMinutes), whistleId);

    /// <summary>Appends straight through a session, with no expected version.</summary>
    private async Task AppendAsync(Guid id, params object[] events)
    {
        await using var session = app.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        session.Events.Append(id, events);
        await session.SaveChangesAsync();
    }

    /// <summary>The clocks of the handling: those to triage and of the whole case, which every ticket runs from its report, have tests of their own.</summary>
    private async Task<Clk[]> ClocksAsync(Guid id) =>
        [.. (await _auditor.TicketAsync(id)).GetProperty("clocks").Deserialize<Clk[]>(Api.Json)!.Where(c => c.Clock is not ("triage" or "case"))];

    private async Task<int> MissedDeadlinesAsync(Guid id) => (await _auditor.TicketAsync(id)).GetProperty("missedDeadlines").GetInt32();

    private async Task<(string Light, DateTimeOffset? NextDeadline)> LightAsync(Guid id)
    {
        var ticket = await _auditor.TicketAsync(id);
        return (ticket.GetProperty("light").GetString()!, ticket.GetProperty("nextDeadline").Deserialize<DateTimeOffset?>());
    }

    private static async Task<Guid[]> QueueAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/tickets?{query}");
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Api.Json)).GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid())];
    }

    private static async Task<Board> BoardAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/board?{query}");
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<Board>(Api.Json))!;
    }
}
