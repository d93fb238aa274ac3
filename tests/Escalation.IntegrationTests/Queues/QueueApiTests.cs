using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Escalation.IntegrationTests.Infrastructure;

namespace Escalation.IntegrationTests.Queues;

/// <summary>Ticket numbers, the search and the work queues through the API, each test on tickets of its own words or phone.</summary>
public sealed class QueueApiTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private readonly HttpClient _operator = app.ClientFor("op-01");
    private readonly HttpClient _township = app.ClientFor("disp-SC-T01");

    [Fact]
    public async Task tickets_opened_at_once_get_distinct_numbers_of_the_county_and_the_china_day_in_their_reported_event()
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => _operator.ReportAsync(Api.NewTicket(description: $"并发受理编号 {i}"))));

        var numbers = new List<string>();
        foreach (var id in ids)
        {
            var number = (await _operator.TicketAsync(id)).GetProperty("number").GetString()!;
            number.ShouldMatch(@"^SC20261123-\d{4,}$");
            var reported = (await (await _operator.GetAsync($"/api/tickets/{id}/history")).Content.ReadFromJsonAsync<JsonElement>(Api.Json))[0];
            reported.GetProperty("data").GetProperty("number").GetString().ShouldBe(number);
            numbers.Add(number);
        }
        numbers.ShouldBeUnique();
    }

    [Fact]
    public async Task intake_and_every_command_answer_with_the_number_and_the_number_finds_the_ticket()
    {
        var created = await _operator.SendAsync(Api.Request(HttpMethod.Post, "/api/tickets", Api.NewTicket(description: "编号查找")));
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Api.Json);
        var (id, number) = (body.GetProperty("id").GetGuid(), body.GetProperty("number").GetString()!);

        (await _township.DoAsync(id, "triage", new { categoryCode = "M-LE-01" })).GetProperty("number").GetString().ShouldBe(number);
        var found = await PageAsync(_township, $"number={number}");
        found.Items.ShouldBe([id]);
        (await PageAsync(_township, $"number={number.ToLowerInvariant()}")).Items.ShouldBe([id]);
        (await PageAsync(_township, $"q={number}")).Items.ShouldBe([id]);
    }

    [Fact]
    public async Task a_chinese_word_of_the_description_or_address_finds_its_tickets_within_what_the_caller_sees()
    {
        var inT01 = await _operator.ReportAsync(Api.NewTicket(description: "东门菜市场夜间噪音扰民"));
        var inT02 = await _operator.ReportAsync(Api.NewTicket(description: "西街菜市场夜间噪音扰民", villageCode: "SC-T02-V01"));
        var byAddress = await _operator.ReportAsync(new
        {
            channel = "app", description = "垃圾未清运", location = new { villageCode = "SC-T01-V02", address = "榆树屯菜市场北门" },
        });

        (await PageAsync(_township, "q=菜市场")).Items.ShouldBe([inT01, byAddress], ignoreOrder: true);
        (await PageAsync(app.ClientFor("aud-01"), "q=菜市场")).Items.ShouldBe([inT01, inT02, byAddress], ignoreOrder: true);
        (await PageAsync(app.ClientFor("aud-01"), "q=菜市场&place=SC-T02")).Items.ShouldBe([inT02]);
        (await PageAsync(_township, "q=噪音&channel=app")).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task the_callers_phone_finds_their_earlier_tickets_for_those_who_may_see_phones()
    {
        object From(string phone, string description) => new
        {
            channel = "hotline", description, citizen = new { name = "刘洋", phone }, location = new { villageCode = "SC-T01-V01" },
        };
        var first = await _operator.ReportAsync(From("13700007777", "第一次来电"));
        var second = await _operator.ReportAsync(From("13700007777", "第二次来电"));
        await _operator.ReportAsync(From("13700008888", "别人的来电"));

        (await PageAsync(_township, "phone=13700007777")).Items.ShouldBe([first, second], ignoreOrder: true);
        (await PageAsync(_operator, "phone=13700007777&sort=newest")).Items.ShouldBe([second, first]);
        var department = await app.ClientFor("dept-D-UM").GetAsync("/api/tickets?phone=13700007777");
        await department.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        (await department.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("phone").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task keyset_pages_reach_every_ticket_once_while_new_tickets_arrive()
    {
        var word = $"分页{Guid.NewGuid():N}"[..10];
        var opened = new List<Guid>();
        for (var i = 0; i < 7; i++)
            opened.Add(await _operator.ReportAsync(Api.NewTicket(description: $"{word} {i}")));

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await PageAsync(_township, $"q={word}&sort=oldest&pageSize=3" + (cursor is null ? "" : $"&cursor={cursor}"));
            page.Total.ShouldBeGreaterThanOrEqualTo(7);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
            if (pages++ == 0)
                await _operator.ReportAsync(Api.NewTicket(description: $"{word} late"));
        }
        while (cursor is not null);

        seen.Take(7).ShouldBe(opened);
        seen.Count.ShouldBe(8);
        seen.ShouldBeUnique();
    }

    [Fact]
    public async Task each_queues_count_is_the_total_of_that_queue()
    {
        var triaged = await _operator.ReportAsync(Api.NewTicket(description: "队列计数"));
        await _township.DoAsync(triaged, "triage", new { categoryCode = "M-LE-01" });
        await _operator.ReportAsync(Api.NewTicket(description: "队列计数 二"));

        var counts = await (await _township.GetAsync("/api/tickets/queues")).Content.ReadFromJsonAsync<JsonElement>(Api.Json);
        counts.GetArrayLength().ShouldBe(9);
        foreach (var count in counts.EnumerateArray())
        {
            var queue = count.GetProperty("queue").GetString();
            (await PageAsync(_township, $"queue={queue}&pageSize=1")).Total.ShouldBe(count.GetProperty("count").GetInt64(), queue);
        }
        (await PageAsync(_township, "queue=accept&pageSize=200")).Items.ShouldContain(triaged);
        (await PageAsync(_township, "queue=triage&pageSize=200")).Items.ShouldNotContain(triaged);
    }

    [Theory]
    [InlineData("queue=later", "queue")]
    [InlineData("sort=random", "sort")]
    [InlineData("cursor=bm9wZQ", "cursor")]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=2026-11-23&to=2026-11-22", "to")]
    [InlineData("missed=maybe", "missed")]
    [InlineData("category=M-NO-SUCH", "category")]
    public async Task a_bad_search_is_a_400_naming_the_field(string query, string field)
    {
        var response = await _township.GetAsync($"/api/tickets?{query}");
        await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("/tickets/not-a-ticket")]
    [InlineData("/no/such/page")]
    public async Task a_bad_console_address_is_a_console_page_not_problem_details(string path)
    {
        var console = await WebConsole.ConsoleClient.SignedInAsync(app, "disp-SC-T01");

        var response = await console.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/missing");
        var page = await console.GetAsync("/missing");
        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await page.Content.ReadAsStringAsync()).ShouldContain("找不到这个页面");
    }

    [Fact]
    public async Task an_unknown_api_address_stays_problem_details()
    {
        var response = await _township.GetAsync("/api/no-such-thing");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    private static async Task<(IReadOnlyList<Guid> Items, long Total, string? NextCursor)> PageAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/tickets?{query}");
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var page = await response.Content.ReadFromJsonAsync<JsonElement>(Api.Json);
        return ([.. page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid())],
            page.GetProperty("total").GetInt64(),
            page.GetProperty("nextCursor").GetString() is { } next ? Uri.EscapeDataString(next) : null);
    }
}
