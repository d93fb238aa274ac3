using System.Net;
using Escalation.IntegrationTests.Infrastructure;

namespace Escalation.IntegrationTests.Lifecycle;

public sealed class ConcurrencyTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private readonly HttpClient _operator = app.ClientFor("op-01");
    private readonly HttpClient _township = app.ClientFor("disp-SC-T01");
    private readonly HttpClient _county = app.ClientFor("disp-SC");

    [Fact]
    public async Task commands_racing_on_one_ticket_either_win_or_get_409_and_no_event_is_lost()
    {
        var id = await _operator.ReportAsync(Api.NewTicket(categoryCode: null));
        var statuses = new List<HttpStatusCode>();
        // Races are not certain to overlap on two cores: run rounds until one has lost a race.
        for (var round = 0; round < 5 && !statuses.Contains(HttpStatusCode.Conflict); round++)
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
                _county.CommandAsync(id, "urge", new { note = $"round {round} note {i}" })));
            statuses.AddRange(responses.Select(r => r.StatusCode));
        }

        statuses.ShouldContain(HttpStatusCode.Conflict);
        statuses.ShouldAllBe(s => s == HttpStatusCode.OK || s == HttpStatusCode.Conflict);
        var history = await app.ClientFor("aud-01").HistoryAsync(id);
        history.Count(type => type == "TicketUrged").ShouldBe(statuses.Count(s => s == HttpStatusCode.OK));
    }

    [Fact]
    public async Task a_stale_if_match_gets_412_and_changes_nothing()
    {
        var id = await _operator.ReportAsync();

        var stale = await _township.CommandAsync(id, "urge", new { note = "快办" }, ifMatch: 7);
        var current = await _township.CommandAsync(id, "triage", new { categoryCode = "M-LE-01" }, ifMatch: 3);

        await stale.ShouldHaveStatusAsync(HttpStatusCode.PreconditionFailed);
        await current.ShouldHaveStatusAsync(HttpStatusCode.OK);
        current.Headers.ETag!.Tag.ShouldBe("\"5\"", "the report and its clocks to triage and of the whole case, then the triage and the clock to accept it starts");
        (await app.ClientFor("aud-01").HistoryAsync(id)).ShouldBe(["TicketReported", "TicketTriaged"]);
    }
}
