using System.Net;
using Escalation.Domain.Escalation;
using Escalation.Domain.Pause;
using Escalation.Domain.Timers;
using Escalation.IntegrationTests.Infrastructure;

namespace Escalation.IntegrationTests.Timers;

/// <summary>Pauses (挂起) through the real host and the county's calendar, on the fake clock.</summary>
public sealed class PauseTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private readonly HttpClient _operator = app.ClientFor("op-01");
    private readonly HttpClient _township = app.ClientFor("disp-SC-T01");
    private readonly HttpClient _county = app.ClientFor("disp-SC");

    [Fact]
    public async Task a_pause_over_a_weekend_and_a_holiday_resumes_with_the_working_time_that_was_left()
    {
        // Thursday 31 December 2026, 09:00: an enforcement matter at the township, 1 working day (7.5 working hours) to
        // resolve: 7 hours that day, then New Year's Day (Friday 1 January) and the weekend, so due Monday 4 January at 09:00.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 31, 9, 0, 0, China));
        var id = await _operator.ReportAsync();
        await _township.DoAsync(id, "triage", new { categoryCode = "M-LE-06" });
        await _township.DoAsync(id, "accept");
        var limit = await ResolveLimitAsync(id);
        limit.Deadline.ShouldBe(new DateTimeOffset(2027, 1, 4, 9, 0, 0, China));

        // Paused at 16:30, with 1 hour left that day and 30 minutes on Monday.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 31, 16, 30, 0, China));
        await _township.DoAsync(id, "pause", new { awaiting = "citizen", reason = "群众外出，元旦后回来" });
        await _county.DoAsync(id, "pause/review", new { approve = true });
        await app.DeliverAsync(limit, Light.Red);
        (await app.EventsAsync(id)).OfType<TicketEscalated>().ShouldBeEmpty();

        app.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 4, 10, 0, 0, China));
        await _township.DoAsync(id, "resume", new { note = "群众已回来，约定今天上门" });

        var resumed = await ResolveLimitAsync(id);
        resumed.Deadline.ShouldBe(new DateTimeOffset(2027, 1, 4, 11, 30, 0, China));
        var ticket = await _township.TicketAsync(id);
        ticket.GetProperty("state").GetProperty("pausedTotal").GetString().ShouldBe("3.17:30:00");
        await app.DeliverAsync(resumed, Light.Red);
        (await app.EventsAsync(id)).OfType<TicketEscalated>().ShouldHaveSingleItem().ToUnitCode.ShouldBe("SC");
    }

    [Fact]
    public async Task a_pause_ends_by_itself_at_its_date()
    {
        var id = await _operator.ReportAsync();
        await _township.DoAsync(id, "triage", new { categoryCode = "M-LE-06" });
        await _township.DoAsync(id, "accept");
        var until = app.Clock.GetUtcNow().AddDays(2);
        await _township.DoAsync(id, "pause", new { awaiting = "third-party", reason = "等待供电公司", until });
        await _county.DoAsync(id, "pause/review", new { approve = true });

        await app.DeliverAsync((await app.ClocksAsync(id)).Single(c => c.Clock == Clock.Pause), Light.Red);

        var resumed = (await app.EventsAsync(id)).OfType<TicketResumed>().ShouldHaveSingleItem();
        (resumed.By.UserId, resumed.At).ShouldBe(("system", until));
    }

    [Fact]
    public async Task a_pause_is_refused_to_whoever_does_not_hold_the_ticket()
    {
        var id = await _operator.ReportAsync();
        await _township.DoAsync(id, "triage", new { categoryCode = "M-LE-06" });
        await _township.DoAsync(id, "accept");

        var response = await _county.CommandAsync(id, "pause", new { awaiting = "citizen", reason = "等待" });

        await response.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity);
    }

    private async Task<TimeLimitStarted> ResolveLimitAsync(Guid id) => (await app.ClocksAsync(id)).Last(c => c.Clock == Clock.Resolve);
}
