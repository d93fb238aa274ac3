using Escalation.Host.Infrastructure;
using Escalation.IntegrationTests.Infrastructure;
using Npgsql;

namespace Escalation.IntegrationTests.Timers;

/// <summary>
/// A restart takes back every stored envelope (Wolverine's <c>owner_id = 0</c> over all rows). The scheduled timers,
/// unowned already, keep their row versions instead of being written again on every start (<see cref="UnchangedEnvelopes"/>).
/// </summary>
public sealed class RestartRewriteTests
{
    [Fact]
    public async Task a_restart_leaves_the_rows_of_unowned_scheduled_timers_as_they_were()
    {
        var database = await TestCluster.CreateDatabaseAsync("rewrite");
        var first = await EscalationApp.StartAsync(database);
        for (var i = 0; i < 3; i++)
            await first.ClientFor("op-01").ReportAsync();
        await first.DisposeAsync();
        var before = await RowVersionsAsync(database);
        before.Count.ShouldBeGreaterThanOrEqualTo(3, "each ticket schedules its timers hours ahead");

        var second = await EscalationApp.StartAsync(database);
        try
        {
            var after = await RowVersionsAsync(database);
            after.ShouldBe(before, "a new row version (ctid) means the start wrote the row again");
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    /// <summary>Where each unowned scheduled timer's row version lies (an update moves it).</summary>
    private static async Task<Dictionary<Guid, string>> RowVersionsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            "select id, ctid::text from escalation.wolverine_incoming_envelopes where status = 'Scheduled' and owner_id = 0", connection);
        await using var rows = await query.ExecuteReaderAsync();
        var versions = new Dictionary<Guid, string>();
        while (await rows.ReadAsync())
            versions[rows.GetGuid(0)] = rows.GetString(1);
        return versions;
    }
}
