using Npgsql;

namespace Escalation.Host.Infrastructure;

/// <summary>
/// Wolverine's start on a single node takes back every stored envelope with one <c>update … set owner_id = 0</c> of
/// all rows, and PostgreSQL writes a new version of each row even where nothing changes. A county's scheduled timers
/// are nearly all unowned already, so every restart rewrote tens of thousands of rows (their WAL, their indexes, the
/// table's bloat), and that long update is the statement that lost a deadlock after a crash (see
/// <see cref="StartUp"/>). PostgreSQL's own <c>suppress_redundant_updates_trigger</c> skips such a row. The trigger
/// is limited to rows left unowned, so no update that gives or takes ownership, or changes anything else, is affected.
/// </summary>
public sealed class UnchangedEnvelopes(NpgsqlDataSource database, ILogger<UnchangedEnvelopes> logger) : IHostedLifecycleService
{
    public const string Trigger = "escalation_unchanged_envelope";

    // Once the host has started, Wolverine has made its tables; the trigger serves every later start. Creating it
    // waits for the table's open transactions, so it gives up soon rather than hold the timers' writes back.
    private const string Ensure = $"""
        set local lock_timeout = '2s';
        do $$
        begin
          if to_regclass('escalation.wolverine_incoming_envelopes') is not null and not exists (
              select 1 from pg_trigger where tgname = '{Trigger}' and tgrelid = 'escalation.wolverine_incoming_envelopes'::regclass) then
            create trigger {Trigger} before update on escalation.wolverine_incoming_envelopes
              for each row when (old.owner_id = 0 and new.owner_id = 0)
              execute function suppress_redundant_updates_trigger();
          end if;
        end $$;
        """;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var ensure = new NpgsqlCommand(Ensure, connection, transaction))
                await ensure.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // Only the next start's speed depends on it: the service runs as before, and the next start tries again.
            logger.LogWarning(e, "Could not add the trigger that spares unchanged envelopes at start-up; the next start tries again");
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
