using Escalation.Domain;
using Escalation.Domain.Timers;
using Escalation.IntegrationTests.Infrastructure;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Escalation.IntegrationTests.ReadModels;

/// <summary>The read models are a function of the events: rebuilding them from scratch gives the very same documents.</summary>
public sealed class RebuildTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    [Fact]
    public async Task rebuilding_every_projection_from_the_events_gives_exactly_the_live_documents()
    {
        await SeedAsync();
        var store = app.Services.GetRequiredService<IDocumentStore>();
        var projections = ((DocumentStore)store).Options.Projections.All.Where(p => p.Lifecycle != ProjectionLifecycle.Live).ToList();
        var tables = projections.SelectMany(p => p.PublishedTypes()).Distinct()
            .Select(type => store.Options.FindOrResolveDocumentType(type).TableName.QualifiedName).ToList();
        tables.ShouldNotBeEmpty();
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var live = await SnapshotAsync(tables);
        live.Values.ShouldAllBe(documents => documents.Count > 0);
        // Spoil every document so that only a real rebuild can give the live snapshot back.
        foreach (var table in tables)
            await ExecuteAsync($"update {table} set data = jsonb_set(data, '{{Spoiled}}', 'true')");
        (await SnapshotAsync(tables)).ShouldAllBe(t => !live[t.Key].Intersect(t.Value).Any());

        var daemon = app.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        foreach (var projection in projections)
            await daemon.RebuildProjectionAsync(projection.Name, TimeSpan.FromMinutes(1), CancellationToken.None);

        var rebuilt = await SnapshotAsync(tables);
        rebuilt.Keys.ShouldBe(live.Keys, ignoreOrder: true);
        foreach (var table in tables)
            rebuilt[table].ShouldBe(live[table], table);
    }

    /// <summary>Cases through the API, and timer events appended as the timers append them.</summary>
    private async Task SeedAsync()
    {
        var op = app.ClientFor("op-01");
        var township = app.ClientFor("disp-SC-T01");
        var village = app.ClientFor("disp-SC-T01-V01");
        var county = app.ClientFor("disp-SC");

        var closed = await op.ReportAsync();
        await township.DoAsync(closed, "triage", new { categoryCode = "M-LE-01" });
        await village.DoAsync(closed, "accept");
        await village.DoAsync(closed, "resolve", new { summary = "已处理" });
        await op.DoAsync(closed, "rating", new { rating = "satisfied" });
        await village.DoAsync(closed, "close");

        var whistled = await op.ReportAsync(Api.NewTicket(villageCode: "SC-T02-V01"));
        await app.ClientFor("disp-SC-T02").DoAsync(whistled, "triage", new { categoryCode = "M-LE-01", unitCode = "SC-T02" });
        await app.ClientFor("disp-SC-T02").DoAsync(whistled, "accept");
        var whistle = await app.ClientFor("disp-SC-T02").DoAsync(whistled, "whistles", new { departmentCodes = new[] { "D-UM", "D-MR" }, reason = "需执法" });
        await app.ClientFor("dept-D-MR").DoAsync(whistled, $"whistles/{whistle.GetProperty("whistleId").GetGuid()}/return", new { reason = "不属于本局" });

        var transferred = await op.ReportAsync();
        await township.DoAsync(transferred, "triage", new { categoryCode = "M-LE-01", unitCode = "SC" });
        await county.DoAsync(transferred, "accept");
        await county.DoAsync(transferred, "transfer", new { departmentCode = "D-UM" });

        var duplicate = await op.ReportAsync();
        await county.DoAsync(duplicate, "merge", new { intoTicketId = transferred });

        var late = await op.ReportAsync();
        await township.DoAsync(late, "triage", new { categoryCode = "M-LE-01" });
        var now = app.Clock.GetUtcNow();
        await using var session = app.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        session.Events.Append(late,
            new TimeLimitStarted(late, Actor.System, now, Clock.Accept, "SC-T01-V01", now.AddMinutes(20), now.AddMinutes(30), null),
            new WarningLightLit(late, Actor.System, now.AddMinutes(20), Clock.Accept, Light.Yellow, "SC-T01-V01", now.AddMinutes(30), null));
        await session.SaveChangesAsync();
    }

    /// <summary>Every document of every read model, as PostgreSQL stores it, by table and id.</summary>
    private async Task<Dictionary<string, List<string>>> SnapshotAsync(IEnumerable<string> tables)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var snapshot = new Dictionary<string, List<string>>();
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand($"select id::text || ' ' || data::text from {table} order by id", connection);
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
                rows.Add(reader.GetString(0));
            snapshot[table] = rows;
        }
        return snapshot;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
