using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Escalation.Domain.Timers;
using Escalation.IntegrationTests.Infrastructure;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Escalation.IntegrationTests.Callback;

/// <summary>The callback desk through the real host: who calls back, the attempts, closing by itself, and how it is counted.</summary>
public sealed class CallbackDeskTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private readonly HttpClient _village = app.ClientFor("disp-SC-T01-V01");
    private readonly HttpClient _township = app.ClientFor("disp-SC-T01");
    private readonly HttpClient _secondOperator = app.ClientFor("op-02");
    private readonly HttpClient _callback = app.ClientFor("cb-01");
    private readonly HttpClient _auditor = app.ClientFor("aud-01");

    /// <summary>A grid worker's report, opened by the village dispatcher, handled and resolved in the village.</summary>
    private async Task<Guid> ResolvedGridWorkerTicketAsync()
    {
        var id = await _village.ReportAsync(new
        {
            channel = "grid-worker",
            description = "网格员巡查发现下水道堵塞",
            citizen = new { name = "赵大妈", phone = "13900001111" },
            location = new { villageCode = "SC-T01-V01", address = "新发村二组" },
            categoryCode = "M-LE-01",
            urgency = "normal",
        });
        await _township.DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
        await _village.DoAsync(id, "accept");
        await _village.DoAsync(id, "resolve", new { summary = "已疏通" });
        return id;
    }

    [Fact]
    public async Task a_grid_workers_ticket_opened_by_a_village_dispatcher_is_rated_by_a_second_operator_and_then_says_it_is_rated()
    {
        var id = await ResolvedGridWorkerTicketAsync();

        await _secondOperator.DoAsync(id, "rating", new { rating = "basically-satisfied", solved = true, comment = "通了" });

        var ticket = await _secondOperator.TicketAsync(id);
        (ticket.GetProperty("rating").GetString(), ticket.GetProperty("solved").GetBoolean()).ShouldBe(("basically-satisfied", true));
        var again = await _callback.CommandAsync(id, "rating", new { rating = "satisfied" });
        await again.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity);
        (await again.Content.ReadAsStringAsync()).ShouldContain("already-rated");
    }

    [Fact]
    public async Task the_callback_desk_queue_holds_the_resolved_tickets_of_others_and_not_those_in_handling()
    {
        var resolved = await ResolvedGridWorkerTicketAsync();
        var handled = await _village.ReportAsync();

        var queue = await _callback.GetFromJsonAsync<JsonElement>("/api/tickets?state=resolved&pageSize=200", Api.Json);
        var ids = queue.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ToList();

        ids.ShouldContain(resolved);
        ids.ShouldNotContain(handled);
        (await _callback.GetAsync($"/api/tickets/{handled}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _callback.CommandAsync(handled, "triage", new { categoryCode = "M-LE-01" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task an_unrated_ticket_closes_itself_by_the_system_when_its_rating_window_ends()
    {
        var id = await ResolvedGridWorkerTicketAsync();
        var window = (await app.ClocksAsync(id)).Single(c => c.Clock == Clock.RatingWindow);

        await app.DeliverAsync(window, Light.Red);

        var ticket = await _auditor.TicketAsync(id);
        (ticket.GetProperty("status").GetString(), ticket.GetProperty("closedBecause").GetString()).ShouldBe(("closed", "rating-window-expired"));
        var closed = (await app.EventsAsync(id)).OfType<Escalation.Domain.Closure.TicketClosed>().Single();
        closed.By.ShouldBe(Escalation.Domain.Actor.System);
    }

    [Fact]
    public async Task an_unreachable_citizen_after_three_attempts_closes_with_that_outcome_and_is_no_rating()
    {
        var id = await ResolvedGridWorkerTicketAsync();

        await _callback.DoAsync(id, "callback-attempts", new { note = "无人接听" });
        await _callback.DoAsync(id, "callback-attempts");
        var third = await _callback.DoAsync(id, "callback-attempts");
        third.GetProperty("events").EnumerateArray().Select(e => e.GetString()).ShouldBe(["CallbackUnanswered", "CitizenUnreachable", "TimeLimitStarted"]);
        var ended = (await app.ClocksAsync(id)).Last(c => c.Clock == Clock.RatingWindow);
        await app.DeliverAsync(ended, Light.Red);

        var ticket = await _auditor.TicketAsync(id);
        (ticket.GetProperty("status").GetString(), ticket.GetProperty("closedBecause").GetString()).ShouldBe(("closed", "unreachable"));
        ticket.GetProperty("rating").ValueKind.ShouldBe(JsonValueKind.Null);
        (await _callback.CommandAsync(id, "callback-attempts")).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task the_closes_by_the_system_and_the_unreachable_are_counted_apart_from_the_ratings_and_the_total_is_the_sum_of_its_parts()
    {
        // The window's end moves the fake clock on by days: what is counted below all happens after it, on one day.
        var expired = await ResolvedGridWorkerTicketAsync();
        await app.DeliverAsync((await app.ClocksAsync(expired)).Single(c => c.Clock == Clock.RatingWindow), Light.Red);
        var unreachable = await ResolvedGridWorkerTicketAsync();
        for (var i = 0; i < 3; i++)
            await _callback.DoAsync(unreachable, "callback-attempts");
        await app.DeliverAsync((await app.ClocksAsync(unreachable)).Last(c => c.Clock == Clock.RatingWindow), Light.Red);
        var rated = await ResolvedGridWorkerTicketAsync();
        await _secondOperator.DoAsync(rated, "rating", new { rating = "satisfied", solved = false });
        await _village.DoAsync(rated, "close");
        await app.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(1));

        var query = $"/api/stats?unit=SC-T01&period=month&from={Today():yyyy-MM-dd}&to={Today():yyyy-MM-dd}";
        var report = await _auditor.GetFromJsonAsync<JsonElement>(query, Api.Json);
        var village = report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "SC-T01-V01");
        var total = report.GetProperty("totals").EnumerateArray().Single();

        // This class's earlier tests add to the same village on the same day: the counts are at least this test's own.
        village.GetProperty("closedBySystem").GetInt32().ShouldBeGreaterThanOrEqualTo(2);
        village.GetProperty("closedUnreachable").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        village.GetProperty("unreachable").GetInt32().ShouldBe(village.GetProperty("closedUnreachable").GetInt32());
        village.GetProperty("callbacksUnanswered").GetInt32().ShouldBe(3 * village.GetProperty("unreachable").GetInt32());
        village.GetProperty("satisfactionPerClosedCaseRate").GetDecimal()
            .ShouldBe(Math.Round(100m * village.GetProperty("closedSatisfied").GetInt32() / village.GetProperty("closed").GetInt32(), 2, MidpointRounding.AwayFromZero));
        village.GetProperty("citizenConfirmedResolutionRate").GetDecimal()
            .ShouldBe(Math.Round(100m * village.GetProperty("confirmedSolved").GetInt32() / village.GetProperty("solvedAsked").GetInt32(), 2, MidpointRounding.AwayFromZero));

        string[] counted = ["reported", "dispatched", "accepted", "resolved", "closed", "rated", "satisfied", "closedSatisfied", "closedBySystem", "closedUnreachable", "unreachable", "callbacksUnanswered", "missedDeadlines"];
        var rows = report.GetProperty("rows").EnumerateArray().ToList();
        foreach (var column in counted)
            total.GetProperty(column).GetInt32().ShouldBe(rows.Sum(r => r.GetProperty(column).GetInt32()), column);

        var csv = (await _auditor.GetStringAsync(query + "&format=csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = csv[0].TrimStart('\uFEFF').Split(',');
        var csvRows = csv.Skip(1).Select(line => line.Split(',')).ToList();
        var csvTotal = csvRows.Single(r => r[Array.IndexOf(header, "key")] == "total");
        foreach (var column in counted)
        {
            var at = Array.IndexOf(header, column);
            int.Parse(csvTotal[at]).ShouldBe(csvRows.Where(r => r != csvTotal).Sum(r => int.Parse(r[at])), column);
            int.Parse(csvTotal[at]).ShouldBe(total.GetProperty(column).GetInt32(), column);
        }

        await using var xlsx = await _auditor.GetStreamAsync(query + "&format=xlsx");
        using var book = new MemoryStream();
        await xlsx.CopyToAsync(book);
        var sheet = book.Query(useHeaderRow: true, sheetName: "stats").Cast<IDictionary<string, object>>().ToList();
        var sheetTotal = sheet.Single(r => (string)r["key"] == "total");
        foreach (var column in counted)
        {
            Convert.ToInt32(sheetTotal[column]).ShouldBe(sheet.Where(r => r != sheetTotal).Sum(r => Convert.ToInt32(r[column])), column);
            Convert.ToInt32(sheetTotal[column]).ShouldBe(total.GetProperty(column).GetInt32(), column);
        }
    }

    [Fact]
    public async Task the_ranking_is_the_same_in_json_csv_and_xlsx_and_names_each_rows_standing_and_sample()
    {
        var rated = await ResolvedGridWorkerTicketAsync();
        await _secondOperator.DoAsync(rated, "rating", new { rating = "satisfied", solved = true });
        await app.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(1));
        var query = $"/api/rankings?unit=SC-T01&period={Today():yyyy-MM}&of=units";

        var json = await _auditor.GetFromJsonAsync<JsonElement>(query, Api.Json);
        var rows = json.GetProperty("rows").EnumerateArray()
            .Select(r => (Key: r.GetProperty("key").GetString()!, Standing: r.GetProperty("standing").GetString()!, Rated: r.GetProperty("rated").GetInt32()))
            .ToList();
        var csv = (await _auditor.GetStringAsync(query + "&format=csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split(',')).Select(f => (Key: f[1], Standing: f[3], Rated: int.Parse(f[12]))).ToList();
        await using var xlsx = await _auditor.GetStreamAsync(query + "&format=xlsx");
        using var book = new MemoryStream();
        await xlsx.CopyToAsync(book);
        var sheet = book.Query(useHeaderRow: true, sheetName: "ranking").Cast<IDictionary<string, object>>()
            .Select(r => (Key: (string)r["key"], Standing: (string)r["standing"], Rated: Convert.ToInt32(r["rated"]))).ToList();

        csv.ShouldBe(rows);
        sheet.ShouldBe(rows);
        // At most this class's three ratings in the village this month: fewer than the five a rank needs.
        var village = rows.Single(r => r.Key == "SC-T01-V01");
        (village.Standing, village.Rated is >= 1 and < 5).ShouldBe(("small-sample", true));
        (await _auditor.GetAsync("/api/rankings?period=2026-13")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _auditor.GetAsync("/api/rankings?of=villages")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _callback.GetAsync("/api/rankings")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_missed_deadline_stays_counted_where_it_was_missed_after_the_ticket_climbs_and_the_board_shows_it_this_month()
    {
        var id = await _village.ReportAsync(Api.NewTicket("井盖缺失", "SC-T01-V02", "M-LE-01"));
        await _township.DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
        await app.DeliverAsync((await app.ClocksAsync(id)).Single(c => c.Clock == Clock.Accept), Light.Red);
        (await _auditor.TicketAsync(id)).GetProperty("holdingUnitCode").GetString().ShouldBe("SC-T01");
        await app.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(1));

        var report = await _auditor.GetFromJsonAsync<JsonElement>($"/api/stats?unit=SC-T01&from={Today():yyyy-MM-dd}&to={Today():yyyy-MM-dd}", Api.Json);
        var village = report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "SC-T01-V02");
        village.GetProperty("missedDeadlines").GetInt32().ShouldBe(1);
        var lights = await _auditor.GetFromJsonAsync<JsonElement>("/api/board?unit=SC-T01", Api.Json);
        lights.GetProperty("units").EnumerateArray().Single(r => r.GetProperty("code").GetString() == "SC-T01-V02").GetProperty("red").GetInt32().ShouldBe(0);

        var console = await WebConsole.ConsoleClient.SignedInAsync(app, "disp-SC-T01");
        var board = await (await console.GetAsync("/board")).Content.ReadAsStringAsync();
        board.ShouldContain("data-testid=\"missed-SC-T01-V02\">1<");
    }

    private DateOnly Today() => Escalation.Projections.Statistics.StatisticFacts.Day(app.Clock.GetUtcNow());
}
