using Escalation.Host.Features.Timers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Escalation.IntegrationTests.Timers;

/// <summary>After a start with clocks overdue, the API's commands take turns until the timers have caught up.</summary>
public sealed class CatchUpGateTests
{
    private static readonly CatchUpSettings Settings = new(Width: 2, Quiet: TimeSpan.FromSeconds(2), Longest: TimeSpan.FromSeconds(60));
    private static readonly TimeSpan Late = CatchUpGate.Lag + TimeSpan.FromMilliseconds(1);
    private readonly FakeTimeProvider _wall = new();

    private CatchUpGate Gate(CatchUpSettings? settings = null) => new(settings ?? Settings, NullLogger<CatchUpGate>.Instance, _wall);

    [Fact]
    public async Task with_clocks_overdue_at_the_start_commands_beyond_the_width_wait_for_a_turn()
    {
        var gate = Gate();
        gate.Started(overdueTickets: 3);

        var first = await gate.TakeTurnAsync(default);
        var second = await gate.TakeTurnAsync(default);
        var third = gate.TakeTurnAsync(default).AsTask();
        await Task.Delay(100);

        first.ShouldNotBeNull();
        second.ShouldNotBeNull();
        third.IsCompleted.ShouldBeFalse("two commands run at once");
        first.Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(5))).ShouldNotBeNull().Dispose();
        second.Dispose();
    }

    [Fact]
    public async Task without_clocks_overdue_at_the_start_the_gate_is_open()
    {
        var gate = Gate();
        gate.Started(overdueTickets: 0);

        (await gate.TakeTurnAsync(default)).ShouldBeNull();
        gate.Engaged.ShouldBeFalse();
        gate.CatchingUp.ShouldBeFalse();
    }

    [Fact]
    public void a_width_of_0_turns_the_gate_off()
    {
        var gate = Gate(Settings with { Width = 0 });
        gate.Started(overdueTickets: 3);

        gate.CatchingUp.ShouldBeFalse();
    }

    [Fact]
    public void late_timers_hold_the_gate_until_none_has_run_late_for_the_quiet_time()
    {
        var gate = Gate();
        gate.Started(overdueTickets: 3);

        _wall.Advance(TimeSpan.FromSeconds(1.5));
        gate.TimersRan(Late);
        _wall.Advance(TimeSpan.FromSeconds(1.5));
        gate.CatchingUp.ShouldBeTrue("a timer ran late 1.5 s ago");

        gate.TimersRan(CatchUpGate.Lag);
        _wall.Advance(TimeSpan.FromSeconds(0.5));
        gate.CatchingUp.ShouldBeFalse("the timers on time since do not hold it");
    }

    [Fact]
    public void the_gate_opens_after_the_quiet_time_if_no_timer_runs_at_all()
    {
        var gate = Gate();
        gate.Started(overdueTickets: 3);

        _wall.Advance(TimeSpan.FromSeconds(1.9));
        gate.CatchingUp.ShouldBeTrue();
        _wall.Advance(TimeSpan.FromSeconds(0.1));
        gate.CatchingUp.ShouldBeFalse();
    }

    [Fact]
    public void the_gate_opens_after_the_longest_hold_however_late_the_timers_run()
    {
        var gate = Gate();
        gate.Started(overdueTickets: 3);

        for (var second = 0; second < 59; second++)
        {
            _wall.Advance(TimeSpan.FromSeconds(1));
            gate.TimersRan(TimeSpan.FromMinutes(5));
        }
        gate.CatchingUp.ShouldBeTrue();
        _wall.Advance(TimeSpan.FromSeconds(1));
        gate.CatchingUp.ShouldBeFalse();
    }

    [Fact]
    public async Task once_open_the_gate_stays_open_however_late_later_timers_run()
    {
        var gate = Gate();
        gate.Started(overdueTickets: 3);
        _wall.Advance(TimeSpan.FromSeconds(2));
        gate.CatchingUp.ShouldBeFalse();

        gate.TimersRan(TimeSpan.FromMinutes(5));
        gate.Started(overdueTickets: 3);

        gate.CatchingUp.ShouldBeFalse();
        (await gate.TakeTurnAsync(default)).ShouldBeNull();
    }

    [Fact]
    public async Task a_command_that_gives_up_while_it_waits_leaves_no_turn_taken()
    {
        var gate = Gate(Settings with { Width = 1 });
        gate.Started(overdueTickets: 1);
        var first = await gate.TakeTurnAsync(default);
        using var cancel = new CancellationTokenSource();

        var second = gate.TakeTurnAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(second);

        first!.Dispose();
        (await gate.TakeTurnAsync(default).AsTask().WaitAsync(TimeSpan.FromSeconds(5))).ShouldNotBeNull().Dispose();
    }
}
