using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Escalation.IntegrationTests.Infrastructure;
using Npgsql;

namespace Escalation.IntegrationTests.Lifecycle;

public sealed class IntakeTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private readonly HttpClient _operator = app.ClientFor("op-01");

    [Fact]
    public async Task a_retry_with_the_same_idempotency_key_returns_the_first_ticket_and_appends_nothing()
    {
        var key = Guid.NewGuid().ToString();
        var body = Api.NewTicket(description: "小区供暖不热");

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _operator.SendAsync(Api.Request(HttpMethod.Post, "/api/tickets", body, key))));

        foreach (var response in responses)
            await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        responses.Select(r => r.Headers.Location).Distinct().Count().ShouldBe(1);
        // One statement, one snapshot: the other test classes write to the same database between two queries.
        (await CountAsync("select (select count(*) from escalation.mt_streams) - (select count(distinct stream_id) from escalation.mt_events)")).ShouldBe(0);
        (await CountAsync("select count(*) from escalation.mt_doc_citizentext where data->'Fields'->>'Description' = '小区供暖不热'")).ShouldBe(1);
    }

    [Fact]
    public async Task the_same_idempotency_key_with_another_body_is_refused()
    {
        var key = Guid.NewGuid().ToString();
        await _operator.ReportAsync(Api.NewTicket(description: "第一件事"), key);

        var second = await _operator.SendAsync(Api.Request(HttpMethod.Post, "/api/tickets", Api.NewTicket(description: "另一件事"), key));

        await second.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity);
        (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("idempotency-key-reused");
    }

    [Fact]
    public async Task no_event_holds_the_citizens_name_or_phone_and_erasure_changes_no_event()
    {
        var id = await _operator.ReportAsync(new
        {
            channel = "app",
            description = "楼道堆放杂物",
            citizen = new { name = "赵铁柱", phone = "13900001111" },
            location = new { gridCode = "SC-T01-V01-G02" },
        });
        var eventsBefore = await EventDataAsync(id);

        eventsBefore.ShouldNotContain("赵铁柱");
        eventsBefore.ShouldNotContain("13900001111");
        var citizen = (await (await _operator.GetAsync($"/api/tickets/{id}")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizen");
        citizen.GetProperty("phone").GetString().ShouldBe("13900001111");

        await app.ClientFor("admin").DoAsync(id, "erase-citizen-data");

        (await EventDataAsync(id)).ShouldStartWith(eventsBefore);
        var after = await (await _operator.GetAsync($"/api/tickets/{id}")).Content.ReadFromJsonAsync<JsonElement>();
        after.GetProperty("citizen").ValueKind.ShouldBe(JsonValueKind.Null);
        (await CountAsync($"select count(*) from escalation.mt_doc_citizencontact where id = '{id}'")).ShouldBe(0);
    }

    [Fact]
    public async Task departments_and_auditors_see_the_citizen_masked()
    {
        var id = await _operator.ReportAsync();
        await app.ClientFor("disp-SC-T01").DoAsync(id, "triage", new { categoryCode = "M-LE-06" });
        await app.ClientFor("disp-SC-T01").DoAsync(id, "accept");
        await app.ClientFor("disp-SC-T01").DoAsync(id, "whistles", new { departmentCodes = new[] { "D-UM" }, reason = "违建" });

        foreach (var user in new[] { "aud-01", "dept-D-UM" })
        {
            var citizen = (await (await app.ClientFor(user).GetAsync($"/api/tickets/{id}")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizen");
            citizen.GetProperty("name").GetString().ShouldBe("王**");
            citizen.GetProperty("phone").GetString().ShouldBe("138****5678");
        }
    }

    private async Task<string> EventDataAsync(Guid id)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select string_agg(data::text, '|' order by version) from escalation.mt_events where stream_id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
