using Escalation.Domain.Escalation;
using Escalation.Domain.Timers;
using Escalation.Host.Infrastructure;
using Escalation.IntegrationTests.Infrastructure;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Escalation.IntegrationTests.Timers;

/// <summary>
/// The database crashes (<c>pg_ctl stop -m immediate</c>) under a timer's handler and stays down for seconds: the
/// handler is retried until the database is back, the deadline that fell due during the outage fires after it,
/// nothing is dead-lettered, and the async projections catch up.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(5);
    private readonly ShortLimits _limits = new(TimeSpan.FromSeconds(4));
    private StoppableCluster _cluster = null!;
    private EscalationApp _app = null!;

    public async Task InitializeAsync()
    {
        _cluster = await StoppableCluster.StartAsync("timer-outage");
        _app = await EscalationApp.StartAsync(_cluster.ConnectionString, _limits.Settings(("Escalation:Timers:WatchdogInterval", "1.00:00:00")));
    }

    [Fact]
    public async Task a_timer_handled_while_the_database_crashes_fires_when_it_is_back_and_leaves_no_dead_letter()
    {
        var id = await _app.ClientFor("op-01").ReportAsync();
        await _app.ClientFor("disp-SC-T01").DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
        var accept = (await _app.ClocksAsync(id)).Single(c => c.Clock == Clock.Accept);
        DateTimeOffset crashedAt;

        // The ticket's stream row is locked, so the yellow timer's handler, due first, waits inside its transaction
        // until the server dies under it.
        await using (var blocker = new NpgsqlConnection(_cluster.ConnectionString))
        {
            await blocker.OpenAsync();
            await using var transaction = await blocker.BeginTransactionAsync();
            await using (var lockStream = new NpgsqlCommand("select 1 from escalation.mt_streams where id = @id for update", blocker, transaction))
            {
                lockStream.Parameters.AddWithValue("id", id);
                await lockStream.ExecuteNonQueryAsync();
            }
            await WaitForAHandlerBlockedOnTheLockAsync(accept.YellowAt + TimeSpan.FromSeconds(20));

            crashedAt = DateTimeOffset.UtcNow;
            await _cluster.StopImmediatelyAsync();
            await Task.Delay(Outage);
            (DateTimeOffset.UtcNow > accept.Deadline).ShouldBeTrue("the deadline fell due while the database was down");
            await _cluster.StartAgainAsync();
        }

        await _app.WaitUntilAsync([id], events => events.OfType<TicketEscalated>().Any(), TimeSpan.FromSeconds(90));
        var events = await _app.EventsAsync(id);
        var lights = events.OfType<WarningLightLit>().ToList();
        // Nothing commits while the server is down. The caught yellow handler is retried after it: it lights yellow, or,
        // when the red (due meanwhile) won the race after the restart, it finds red lit and rightly lights nothing.
        lights.Where(l => l.Light == Light.Yellow).ShouldAllBe(l => l.At > crashedAt + Outage);
        lights.Count(l => l.Light == Light.Yellow).ShouldBeLessThanOrEqualTo(1);
        lights.Count(l => l.Light == Light.Red).ShouldBe(1);
        await WaitForNoTimerLeftAsync(TimeSpan.FromSeconds(60));
        events.OfType<TicketEscalated>().Single().Reason.ShouldBe(EscalationReason.DeadlineMissed);
        (await _app.Services.GetRequiredService<DeadLetterAlarm>().CountAsync(CancellationToken.None)).ShouldBe(0);
        await _app.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Until no timer that is due waits any more: the one caught in the crash has been handled, not left pending or retrying.</summary>
    private async Task WaitForNoTimerLeftAsync(TimeSpan giveUp)
    {
        var until = DateTimeOffset.UtcNow + giveUp;
        await using var connection = new NpgsqlConnection(_cluster.ConnectionString);
        await connection.OpenAsync();
        await using var left = new NpgsqlCommand("select count(*) from escalation.wolverine_incoming_envelopes where status = 'Incoming' or (status = 'Scheduled' and execution_time <= now())", connection);
        while ((long)(await left.ExecuteScalarAsync())! > 0)
        {
            if (DateTimeOffset.UtcNow > until)
                throw new TimeoutException("A timer is still waiting to be handled a minute after the database came back.");
            await Task.Delay(100);
        }
    }

    /// <summary>Until a backend of the database waits on a lock: the timer's handler, inside its transaction.</summary>
    private async Task WaitForAHandlerBlockedOnTheLockAsync(DateTimeOffset giveUp)
    {
        await using var watcher = new NpgsqlConnection(_cluster.ConnectionString);
        await watcher.OpenAsync();
        await using var waiting = new NpgsqlCommand(
            "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'", watcher);
        while ((long)(await waiting.ExecuteScalarAsync())! == 0)
        {
            if (DateTimeOffset.UtcNow > giveUp)
                throw new TimeoutException("No timer handler reached the locked ticket.");
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _cluster.DisposeAsync();
        _limits.Dispose();
    }
}
