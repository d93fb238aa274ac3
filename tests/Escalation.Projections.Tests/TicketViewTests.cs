using System.Text.Json;
using Escalation.Domain;
using Escalation.Domain.Escalation;
using Escalation.Domain.Intake;
using Escalation.Domain.Reference;
using Escalation.Domain.Resolution;
using Escalation.Domain.Timers;
using Escalation.Domain.Triage;
using Escalation.Domain.Whistle;

namespace Escalation.Projections.Tests;

/// <summary>
/// The ticket view is the domain's state and what people read besides: its clocks run and light as the timers act on
/// them, whatever the case went through.
/// </summary>
public class TicketViewTests
{
    private static readonly Guid Id = new("1b7d3a52-61f4-4e0b-9d1e-000000000001");
    private static readonly DateTimeOffset At = Folds.Start;
    private static readonly Actor Operator = new("op-01", "operator", "SC");
    private static readonly Actor Township = new("disp-SC-T01", "dispatcher", "SC-T01");
    private static readonly Actor Village = new("disp-SC-T01-V01", "dispatcher", "SC-T01-V01");

    private static TicketReported Reported() =>
        new(Id, Operator, At, Channel.Hotline, "夜间施工噪音", "SC-T01-V01", null, "楼下", null, Urgency.Normal, "SC-T01");

    private static TimeLimitStarted AcceptLimit(string holder, DateTimeOffset deadline) =>
        new(Id, Township, At, Clock.Accept, holder, deadline.AddMinutes(-12), deadline, null);

    private static WarningLightLit Lit(Light light, string holder, DateTimeOffset deadline) =>
        new(Id, Actor.System, deadline, Clock.Accept, light, holder, deadline, null);

    [Fact]
    public void the_views_state_is_the_domains_own_fold_of_every_simulated_case()
    {
        foreach (var simulated in Folds.Cases(200))
        {
            var view = Folds.View(simulated.Events);

            JsonSerializer.Serialize(view.State).ShouldBe(JsonSerializer.Serialize(Ticket.Replay(simulated.Events)));
            (view.Status, view.HoldingUnitCode, view.HoldingDepartmentCode, view.HandlingTier)
                .ShouldBe((view.State.Status, view.State.HoldingUnitCode, view.State.HoldingDepartmentCode, view.State.HandlingTier));
        }
    }

    /// <summary>A clock the view shows running is one a timer would act on now, and one it shows stopped is one a timer would leave alone.</summary>
    [Fact]
    public void a_clock_runs_in_the_view_exactly_when_its_timer_would_act_after_every_event_of_every_simulated_case()
    {
        var context = new DecisionContext(At, Folds.Reference, CountySettings.Default);
        var clocks = 0;
        foreach (var simulated in Folds.Cases(120, seed: 7))
        {
            foreach (var view in Folds.Views(simulated.Events))
            {
                foreach (var clock in view.Clocks.Where(c => c.Light != WarningLight.Red))
                {
                    // The rating window has one timer, at its end, and acts only once it is due.
                    var window = clock.Clock == Clock.RatingWindow;
                    var next = window || clock.Light == WarningLight.Yellow ? Light.Red : Light.Yellow;
                    var check = new CheckTimeLimit(view.Id, clock.Clock, next, clock.Holder, clock.Deadline, clock.WhistleId);
                    var due = window ? context with { Now = clock.Deadline } : context;
                    (check.Decide(view.State, due).Events.Count > 0).ShouldBe(clock.Running, $"{clock} on {view.Id} at version {view.Version}");
                    clocks++;
                }
            }
        }
        clocks.ShouldBeGreaterThan(1000);
    }

    [Fact]
    public void a_red_light_counts_one_missed_deadline_and_stays_on_record_after_the_ticket_climbs()
    {
        var deadline = At.AddHours(1);
        var events = new object[]
        {
            Reported(),
            new TicketTriaged(Id, Township, At, "noise", 1, "SC-T01-V01", Tier.Village, "SC-T01"),
            AcceptLimit("SC-T01-V01", deadline),
            Lit(Light.Yellow, "SC-T01-V01", deadline),
            Lit(Light.Red, "SC-T01-V01", deadline),
            Lit(Light.Red, "SC-T01-V01", deadline),
            new TicketEscalated(Id, Actor.System, deadline, "SC-T01-V01", "SC-T01", Tier.Village, Tier.Township, EscalationReason.DeadlineMissed, null),
            AcceptLimit("SC-T01", deadline.AddHours(1)),
        };

        var view = Folds.View(events);

        view.MissedDeadlines.ShouldBe(1);
        view.Escalations.ShouldBe(1);
        view.Light.ShouldBe(WarningLight.None);
        view.Clocks.ShouldBe([new ClockView(Clock.Accept, "SC-T01", deadline.AddHours(1).AddMinutes(-12), deadline.AddHours(1), null, WarningLight.None, Running: true)]);
        view.NextDeadline.ShouldBe(deadline.AddHours(1));
        view.LastChangedAt.ShouldBe(deadline);
    }

    [Fact]
    public void a_light_for_a_replaced_limit_changes_nothing()
    {
        var first = At.AddHours(1);
        var view = Folds.View(
        [
            Reported(),
            new TicketTriaged(Id, Township, At, "noise", 1, "SC-T01-V01", Tier.Village, "SC-T01"),
            AcceptLimit("SC-T01-V01", first),
            AcceptLimit("SC-T01-V01", first.AddHours(1)),
            Lit(Light.Red, "SC-T01-V01", first),
        ]);

        (view.Light, view.MissedDeadlines).ShouldBe((WarningLight.None, 0));
    }

    [Fact]
    public void a_whistle_keeps_its_attendance_and_closes_with_the_resolution()
    {
        var whistle = Guid.NewGuid();
        var department = new Actor("dept-D-UM", "department", "D-UM");
        var events = new object[]
        {
            Reported(),
            new TicketTriaged(Id, Township, At, "noise", 1, "SC-T01", Tier.Township, "SC-T01"),
            new TicketAccepted(Id, Township, At),
            new WhistleBlown(Id, Township, At, whistle, "SC-T01", ["D-UM", "D-HC"], At.AddHours(2), "联合执法"),
            new DepartmentReportedIn(Id, department, At.AddMinutes(30), whistle, "D-UM", "dept-D-UM", true, null),
        };

        var open = Folds.View(events);
        open.Whistles.Single().ReportIns.ShouldBe([new ReportInView("D-UM", "dept-D-UM", true, At.AddMinutes(30))]);
        open.Whistles.Single().Open.ShouldBeTrue();
        open.Departments.ShouldBe(["D-UM", "D-HC"]);

        var resolved = Folds.View([.. events, new TicketResolved(Id, Township, At.AddHours(3), "已处理", "SC-T01")]);
        resolved.Whistles.Single().Open.ShouldBeFalse();
        resolved.Status.ShouldBe(TicketStatus.Resolved);
        resolved.Resolution.ShouldBe("已处理");
    }

    [Fact]
    public void a_resolution_after_the_running_resolve_deadline_is_late()
    {
        var deadline = At.AddMinutes(30);
        var view = Folds.View(
        [
            Reported(),
            new TicketTriaged(Id, Township, At, "noise", 1, "SC-T01-V01", Tier.Village, "SC-T01"),
            new TicketAccepted(Id, Village, At),
            new TimeLimitStarted(Id, Village, At, Clock.Resolve, "SC-T01-V01", At.AddMinutes(24), deadline, null),
            new TicketResolved(Id, Village, deadline.AddMinutes(1), "已处理", "SC-T01-V01"),
        ]);

        view.ResolvedLate.ShouldBeTrue();
        view.ResolvedAt.ShouldBe(deadline.AddMinutes(1));
    }
}
