using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Escalation.IntegrationTests.Infrastructure;

namespace Escalation.IntegrationTests.Joint;

/// <summary>包保 county leaders (#18): users whose inbox holds the tickets raised to their tier from the place they answer for.</summary>
public sealed class LeaderInboxTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private readonly HttpClient _operator = app.ClientFor("op-01");
    private readonly HttpClient _county = app.ClientFor("disp-SC");

    private async Task<Guid> RaisedToTheCountyLeaderAsync(string village)
    {
        var township = app.ClientFor($"disp-{village[..6]}");
        var id = await _operator.ReportAsync(Api.NewTicket("土地纠纷，多次调解未果", village, "M-LE-06"));
        await township.DoAsync(id, "triage", new { categoryCode = "M-LE-06" });
        await township.DoAsync(id, "accept");
        await township.DoAsync(id, "escalate", new { reason = "beyond-powers" });
        await _county.DoAsync(id, "accept");
        await _county.DoAsync(id, "escalate", new { reason = "beyond-powers" });
        return id;
    }

    private static async Task<Guid[]> InboxAsync(HttpClient leader) =>
        [.. (await leader.GetFromJsonAsync<JsonElement>("/api/tickets?queue=open&pageSize=200", Api.Json)).GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid())];

    [Fact]
    public async Task a_county_leader_sees_the_tickets_raised_to_the_leaders_tier_from_the_places_they_answer_for()
    {
        var fromTheTownship = await RaisedToTheCountyLeaderAsync("SC-T01-V01");
        var fromElsewhere = await RaisedToTheCountyLeaderAsync("SC-T02-V01");
        var notRaised = await _operator.ReportAsync(Api.NewTicket("路灯不亮", "SC-T01-V01", "M-LE-01"));

        var countyLeader = app.ClientFor("leader-01");
        var townshipLeader = app.ClientFor("leader-SC-T01");
        (await InboxAsync(countyLeader)).Order().ShouldBe(new[] { fromTheTownship, fromElsewhere }.Order());
        (await InboxAsync(townshipLeader)).ShouldBe([fromTheTownship]);
        (await townshipLeader.GetAsync($"/api/tickets/{fromElsewhere}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await countyLeader.GetAsync($"/api/tickets/{notRaised}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await countyLeader.CommandAsync(fromTheTownship, "resolve", new { summary = "领导批示" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
