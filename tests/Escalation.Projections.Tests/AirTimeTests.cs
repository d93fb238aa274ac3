using Escalation.Domain;
using Escalation.Domain.Escalation;
using Escalation.Domain.Intake;
using Escalation.Domain.Reference;
using Escalation.Domain.Triage;
using Escalation.Projections.Statistics;

namespace Escalation.Projections.Tests;

/// <summary>Time in the air: a flight from a dispatch to the sign-for, its bounces, and what the statistics count of it.</summary>
public class AirTimeTests
{
    private static readonly Guid Id = new("1b7d3a52-61f4-4e0b-9d1e-000000000017");
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Actor Township = new("disp-SC-T01", "dispatcher", "SC-T01");
    private static readonly Actor Village = new("disp-SC-T01-V01", "dispatcher", "SC-T01-V01");

    private static readonly TicketReported Reported =
        new(Id, new Actor("op-01", "operator", "SC"), At, Channel.Hotline, "路灯不亮", "SC-T01-V01", null, null, "noise", Urgency.Normal, "SC-T01");

    private static TicketTriaged Triaged(int minutes) => new(Id, Township, At.AddMinutes(minutes), "noise", 1, "SC-T01-V01", Tier.Village, "SC-T01");

    [Fact]
    public void a_flight_runs_from_the_first_dispatch_through_a_return_and_an_escalation_to_the_sign_for()
    {
        var view = Folds.View(
        [
            Reported,
            Triaged(10),
            new TicketReturned(Id, Village, At.AddMinutes(30), "不属于本村", "SC-T01-V01", "SC-T01", "SC-T01", null),
            Triaged(50),
            new TicketEscalated(Id, Actor.System, At.AddMinutes(110), "SC-T01-V01", "SC-T01", Tier.Village, Tier.Township, EscalationReason.DeadlineMissed, null),
        ]);
        view.Air.InTheAirSince.ShouldBe(At.AddMinutes(10));
        view.Air.FlightBounces.ShouldBe(2);

        var signed = new TicketAccepted(Id, Township, At.AddMinutes(140));
        var counted = StatisticFacts.For(view, signed).Single().Counts;
        view.When(signed);

        (counted.Accepted, counted.SignForSeconds.Single(), counted.Flights, counted.AirSeconds).ShouldBe((1, 30 * 60L, 1, 130 * 60L));
        (view.Air.InTheAirSince, view.Air.FlightBounces, view.Air.Bounces, view.Air.Flights, view.Air.Total)
            .ShouldBe(((DateTimeOffset?)null, 0, 2, 1, TimeSpan.FromMinutes(130)));
    }

    [Fact]
    public void a_bounce_counts_for_the_holder_that_sent_the_ticket_on_unsigned_and_a_return_after_a_sign_for_is_none()
    {
        var returned = new TicketReturned(Id, Village, At.AddMinutes(30), "不属于本村", "SC-T01-V01", "SC-T01", "SC-T01", null);
        var dispatched = Folds.View([Reported, Triaged(10)]);
        var signed = Folds.View([Reported, Triaged(10), new TicketAccepted(Id, Village, At.AddMinutes(20))]);

        StatisticFacts.For(dispatched, returned).Select(d => (d.Unit, d.Department, d.Counts.Bounces)).ShouldContain(("SC-T01-V01", (string?)null, 1));
        StatisticFacts.For(signed, returned).Sum(d => d.Counts.Bounces).ShouldBe(0);
    }

    [Fact]
    public void an_escalation_after_the_sign_for_starts_a_new_flight_without_a_bounce()
    {
        var view = Folds.View(
        [
            Reported, Triaged(10), new TicketAccepted(Id, Village, At.AddMinutes(20)),
            new TicketEscalated(Id, Village, At.AddMinutes(60), "SC-T01-V01", "SC-T01", Tier.Village, Tier.Township, EscalationReason.BeyondPowers, null),
        ]);

        (view.Air.InTheAirSince, view.Air.DispatchedToHolderAt, view.Air.Bounces, view.Air.Flights).ShouldBe((At.AddMinutes(60), At.AddMinutes(60), 0, 1));
    }
}
