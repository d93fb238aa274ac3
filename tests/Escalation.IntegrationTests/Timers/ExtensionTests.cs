using System.Net;
using Escalation.Domain.Escalation;
using Escalation.Domain.Extension;
using Escalation.Domain.Timers;
using Escalation.IntegrationTests.Infrastructure;

namespace Escalation.IntegrationTests.Timers;

/// <summary>Extensions (延期) through the real host, on the fake clock: the limit's own timers decide whether the ticket climbs.</summary>
public sealed class ExtensionTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private readonly HttpClient _operator = app.ClientFor("op-01");
    private readonly HttpClient _township = app.ClientFor("disp-SC-T01");
    private readonly HttpClient _village = app.ClientFor("disp-SC-T01-V01");

    [Fact]
    public async Task an_approved_extension_prevents_the_escalation_that_a_refused_one_lets_happen()
    {
        var approved = await InHandlingAtTheVillageAsync();
        var refused = await InHandlingAtTheVillageAsync();
        var approvedLimit = await ResolveLimitAsync(approved);
        var refusedLimit = await ResolveLimitAsync(refused);
        foreach (var id in new[] { approved, refused })
            await _village.DoAsync(id, "extension", new { clock = "resolve", addedTime = "2 days", reason = "等待施工队进场" });

        await _township.DoAsync(approved, "extension/review", new { approve = true });
        await _township.DoAsync(refused, "extension/review", new { approve = false, note = "村里可以当天解决" });
        await app.DeliverAsync(approvedLimit, Light.Red);
        await app.DeliverAsync(refusedLimit, Light.Red);

        (await app.EventsAsync(approved)).OfType<TicketEscalated>().ShouldBeEmpty();
        (await _village.TicketAsync(approved)).GetProperty("holdingUnitCode").GetString().ShouldBe("SC-T01-V01");
        var moved = await ResolveLimitAsync(approved);
        moved.Deadline.ShouldBe(approvedLimit.Deadline.AddDays(2));
        moved.YellowAt.ShouldBe(approvedLimit.YellowAt.AddDays(2));
        (await app.EventsAsync(refused)).OfType<TicketEscalated>().ShouldHaveSingleItem().ToUnitCode.ShouldBe("SC-T01");

        await app.DeliverAsync(moved, Light.Red);
        (await app.EventsAsync(approved)).OfType<TicketEscalated>().ShouldHaveSingleItem().Reason.ShouldBe(EscalationReason.DeadlineMissed);
    }

    [Fact]
    public async Task a_request_still_pending_at_the_deadline_does_not_stop_the_escalation()
    {
        var id = await InHandlingAtTheVillageAsync();
        var limit = await ResolveLimitAsync(id);
        await _village.DoAsync(id, "extension", new { clock = "resolve", newDeadline = limit.Deadline.AddHours(4), reason = "等待施工队进场" });

        await app.DeliverAsync(limit, Light.Red);

        (await app.EventsAsync(id)).OfType<TicketEscalated>().ShouldHaveSingleItem();
        var late = await _township.CommandAsync(id, "extension/review", new { approve = true });
        await late.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity);
        (await late.Content.ReadAsStringAsync()).ShouldContain(Domain.RuleCodes.NoExtensionPending);
    }

    [Fact]
    public async Task a_request_names_its_fields_when_they_are_wrong()
    {
        var id = await InHandlingAtTheVillageAsync();

        var response = await _village.CommandAsync(id, "extension", new { clock = "tomorrow", addedTime = "a while" });

        await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadAsStringAsync();
        foreach (var field in new[] { "clock", "addedTime", "reason" })
            body.ShouldContain($"\"{field}\"");
    }

    [Fact]
    public async Task requests_and_their_answers_are_in_the_history()
    {
        var id = await InHandlingAtTheVillageAsync();
        await _village.DoAsync(id, "extension", new { clock = "resolve", addedTime = "1 working day", reason = "等待施工队进场" });
        await _township.DoAsync(id, "extension/review", new { approve = false, note = "村里可以当天解决" });

        (await _township.HistoryAsync(id)).ShouldBe(["TicketReported", "TicketTriaged", "TicketAccepted", nameof(ExtensionRequested), nameof(ExtensionRefused)]);
    }

    private async Task<Guid> InHandlingAtTheVillageAsync()
    {
        var id = await _operator.ReportAsync();
        await _township.DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
        await _village.DoAsync(id, "accept");
        return id;
    }

    private async Task<TimeLimitStarted> ResolveLimitAsync(Guid id) => (await app.ClocksAsync(id)).Last(c => c.Clock == Clock.Resolve);
}
