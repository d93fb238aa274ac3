using Escalation.Domain;
using Escalation.Domain.Escalation;
using Escalation.Domain.Timers;
using Escalation.Host.Commands;
using Escalation.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Escalation.IntegrationTests.Timers;

/// <summary>The time-limit rules through the real host, on the fake clock: each timer is delivered as Wolverine would deliver it.</summary>
public sealed class TimeLimitTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private readonly HttpClient _operator = app.ClientFor("op-01");
    private readonly HttpClient _township = app.ClientFor("disp-SC-T01");
    private readonly HttpClient _village = app.ClientFor("disp-SC-T01-V01");

    [Fact]
    public async Task yellow_then_red_then_the_ticket_climbs_a_tier_by_itself()
    {
        var id = await DispatchedToTheVillageAsync();
        var accept = (await app.ClocksAsync(id)).Single(c => c.Clock == Clock.Accept);
        accept.Clock.ShouldBe(Clock.Accept);
        accept.Holder.ShouldBe("SC-T01-V01");

        await app.DeliverAsync(accept, Light.Yellow);
        (await _operator.TicketAsync(id)).GetProperty("holdingUnitCode").GetString().ShouldBe("SC-T01-V01");
        await app.DeliverAsync(accept, Light.Red);

        var events = await app.EventsAsync(id);
        events.OfType<WarningLightLit>().Select(l => l.Light).ShouldBe([Light.Yellow, Light.Red]);
        var escalated = events.OfType<TicketEscalated>().Single();
        escalated.Reason.ShouldBe(EscalationReason.DeadlineMissed);
        escalated.ToUnitCode.ShouldBe("SC-T01");
        (await app.ClocksAsync(id)).Last().Holder.ShouldBe("SC-T01");
    }

    [Fact]
    public async Task a_yellow_timer_run_after_the_deadline_lights_red_once_and_the_red_timer_adds_nothing()
    {
        var id = await DispatchedToTheVillageAsync();
        var accept = (await app.ClocksAsync(id)).Single(c => c.Clock == Clock.Accept);
        app.Clock.SetUtcNow(accept.Deadline.AddMinutes(5));

        await app.DeliverAsync(accept, Light.Yellow);
        await app.DeliverAsync(accept, Light.Red);

        var events = await app.EventsAsync(id);
        events.OfType<WarningLightLit>().Select(l => l.Light).ShouldBe([Light.Red]);
        events.OfType<TicketEscalated>().Single().ToUnitCode.ShouldBe("SC-T01");
    }

    [Fact]
    public async Task a_batch_decides_each_timer_on_its_ticket_as_the_earlier_ones_left_it()
    {
        var first = await DispatchedToTheVillageAsync();
        // The second limit ends after the first: at the first's deadline the second's yellow is still only a yellow.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await DispatchedToTheVillageAsync();
        var firstAccept = (await app.ClocksAsync(first)).Single(c => c.Clock == Clock.Accept);
        var secondAccept = (await app.ClocksAsync(second)).Single(c => c.Clock == Clock.Accept);
        var timers = TicketTurn.Timers(firstAccept).Select(TimeLimitDue.For).ToList();
        var secondYellow = TimeLimitDue.For(TicketTurn.Timers(secondAccept).Single(t => t.Check.Light == Light.Yellow));
        var noTicket = timers[0] with { TicketId = Guid.NewGuid() };
        app.Clock.SetUtcNow(Max(firstAccept.Deadline, secondAccept.YellowAt));
        var notYetDue = TimeLimitDue.For(TicketTurn.Timers(secondAccept).Single(t => t.Check.Light == Light.Red)) with
        {
            DueAt = app.Clock.GetUtcNow().AddHours(1),
        };

        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(new[] { timers[1], noTicket, timers[0], secondYellow, notYetDue });

        var events = await app.EventsAsync(first);
        events.OfType<WarningLightLit>().Select(l => l.Light).ShouldBe([Light.Red], "the red came first in the batch; the yellow after it lights nothing");
        events.OfType<TicketEscalated>().Count().ShouldBe(1);
        (await app.EventsAsync(second)).OfType<WarningLightLit>().Select(l => l.Light).ShouldBe([Light.Yellow], "the early timer waits for its time");
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    [Fact]
    public async Task a_timer_delivered_twice_lights_once()
    {
        var id = await DispatchedToTheVillageAsync();
        var accept = (await app.ClocksAsync(id)).Single(c => c.Clock == Clock.Accept);

        await app.DeliverAsync(accept, Light.Yellow);
        await app.DeliverAsync(accept, Light.Yellow);

        (await app.EventsAsync(id)).OfType<WarningLightLit>().Count().ShouldBe(1);
    }

    [Fact]
    public async Task a_stale_timer_does_nothing()
    {
        var id = await DispatchedToTheVillageAsync();
        var accept = (await app.ClocksAsync(id)).Single(c => c.Clock == Clock.Accept);
        await _village.DoAsync(id, "accept");
        var before = (await app.EventsAsync(id)).Count;

        await app.DeliverAsync(accept, Light.Red);

        (await app.EventsAsync(id)).Count.ShouldBe(before);
    }

    [Fact]
    public async Task a_withdrawn_ticket_stops_its_timers()
    {
        var id = await DispatchedToTheVillageAsync();
        var accept = (await app.ClocksAsync(id)).Single(c => c.Clock == Clock.Accept);
        await _operator.DoAsync(id, "withdraw", new { reason = "问题已自行解决" });
        var before = (await app.EventsAsync(id)).Count;

        await app.DeliverAsync(accept, Light.Yellow);
        await app.DeliverAsync(accept, Light.Red);

        (await app.EventsAsync(id)).Count.ShouldBe(before);
    }

    [Fact]
    public async Task a_department_that_does_not_report_in_is_recorded_and_raised_to_the_county()
    {
        var id = await _operator.ReportAsync();
        await _township.DoAsync(id, "triage", new { categoryCode = "M-LE-06" });
        await _township.DoAsync(id, "accept");
        await _township.DoAsync(id, "whistles", new { departmentCodes = new[] { "D-UM", "D-HC" }, reason = "违建" });
        await app.ClientFor("dept-D-UM").DoAsync(id, $"whistles/{(await app.ClocksAsync(id)).First(c => c.Clock == Clock.ReportIn).WhistleId}/report-in", new { onSite = true });
        var reportIns = (await app.ClocksAsync(id)).Where(c => c.Clock == Clock.ReportIn).ToList();

        foreach (var clock in reportIns)
            await app.DeliverAsync(clock, Light.Red);

        var missed = (await app.EventsAsync(id)).OfType<ReportInMissed>().Single();
        missed.DepartmentCode.ShouldBe("D-HC");
        missed.RaisedToUnitCode.ShouldBe("SC");
    }

    [Fact]
    public async Task at_the_top_tier_a_red_light_records_supervision_for_the_county_leader()
    {
        var id = await DispatchedToTheVillageAsync();
        foreach (var holder in new[] { "SC-T01-V01", "SC-T01", "SC", "SC" })
        {
            var accept = (await app.ClocksAsync(id)).Last(c => c.Clock == Clock.Accept);
            accept.Holder.ShouldBe(holder);
            await app.DeliverAsync(accept, Light.Red);
        }

        var events = await app.EventsAsync(id);
        events.OfType<TicketEscalated>().Select(e => e.ToTier.ToString()).ShouldBe(["Township", "County", "CountyLeader"]);
        events.OfType<Escalation.Domain.Supervision.TicketUrged>().Single().Note.ShouldBe(CheckTimeLimit.TopTierSupervision);
    }

    private async Task<Guid> DispatchedToTheVillageAsync()
    {
        var id = await _operator.ReportAsync();
        await _township.DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
        return id;
    }
}
