using Escalation.Domain;
using Escalation.Domain.Timers;
using Escalation.Host.Commands;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;

namespace Escalation.IntegrationTests.Infrastructure;

/// <summary>Timers on the fake clock: the tests deliver each one through Wolverine, as it would be delivered when due.</summary>
public static class Timers
{
    /// <summary>
    /// Moves the fake clock to the timer's due time (never backwards) and delivers it through Wolverine, as a batch of
    /// one: a single timer is only collected into a batch, and its batch is what runs.
    /// </summary>
    public static async Task DeliverAsync(this EscalationApp app, TimeLimitStarted clock, Light light)
    {
        var due = TimeLimitDue.For(TicketTurn.Timers(clock).Single(t => t.Check.Light == light));
        if (app.Clock.GetUtcNow() < due.DueAt)
            app.Clock.SetUtcNow(due.DueAt);
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(new[] { due });
    }

    public static async Task<IReadOnlyList<object>> EventsAsync(this EscalationApp app, Guid id)
    {
        await using var session = app.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return [.. (await session.Events.FetchStreamAsync(id)).Select(e => e.Data)];
    }

    public static async Task<IReadOnlyList<TimeLimitStarted>> ClocksAsync(this EscalationApp app, Guid id) =>
        [.. (await app.EventsAsync(id)).OfType<TimeLimitStarted>()];

    /// <summary>
    /// Real timers fire on their own schedule, which nothing in a test can await: look at the tickets until each
    /// shows the outcome, for a bounded time.
    /// </summary>
    public static async Task WaitUntilAsync(this EscalationApp app, IEnumerable<Guid> ids, Func<IReadOnlyList<object>, bool> done, TimeSpan limit)
    {
        var giveUp = DateTimeOffset.UtcNow + limit;
        foreach (var id in ids)
        {
            while (!done(await app.EventsAsync(id)))
            {
                if (DateTimeOffset.UtcNow > giveUp)
                    throw new TimeoutException($"Ticket {id}'s timers did not fire within {limit}.");
                await Task.Delay(100);
            }
        }
    }

    /// <summary>As if the ticket's scheduled timers were lost: their rows leave Wolverine's inbox. Returns how many there were.</summary>
    public static async Task<int> DeleteScheduledTimersAsync(this EscalationApp app, Guid id)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var delete = new NpgsqlCommand(
            "delete from escalation.wolverine_incoming_envelopes where status = 'Scheduled' and position(convert_to(@ticket, 'UTF8') in body) > 0",
            connection);
        delete.Parameters.AddWithValue("ticket", id.ToString());
        return await delete.ExecuteNonQueryAsync();
    }
}
