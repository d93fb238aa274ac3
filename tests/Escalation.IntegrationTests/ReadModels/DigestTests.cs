using System.Net;
using System.Net.Http.Json;
using Escalation.Host.Features.Integrity;
using Escalation.IntegrationTests.Infrastructure;
using Escalation.Projections.Integrity;
using Marten.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Escalation.IntegrationTests.ReadModels;

/// <summary>
/// Each day the host writes the county's stream heads to a file outside the database: whoever rewrites events and every
/// hash after them in the database is caught by the digest written before. Each test that tampers has a host of its own.
/// </summary>
public sealed class DigestTests : IAsyncLifetime
{
    private readonly EscalationApp _app = new();

    private sealed record Mismatch(int Line, DateOnly? Date, string Reason, long? Through, int? DigestStreams, int? ActualStreams, string? DigestRoot, string? ActualRoot);

    private sealed record Verification(bool Valid, string File, int Digests, long Through, Mismatch? FirstMismatch);

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task one_digest_is_written_a_day_each_line_chained_to_the_one_before()
    {
        // A digest covers the events up to the store's high-water mark, which the daemon moves past the county's
        // import a moment after the start: without this wait a fast test wrote a digest of no stream.
        await _app.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var today = await Digest.WriteIfDueAsync(default);
        (await Digest.WriteIfDueAsync(default)).ShouldBe(today);
        _app.Clock.Advance(TimeSpan.FromDays(1));

        var tomorrow = await Digest.WriteIfDueAsync(default);

        today.Date.ShouldBe(new DateOnly(2026, 11, 23));
        var lines = await File.ReadAllLinesAsync(DigestPath);
        lines.Select(DigestLine.Parse).ShouldBe([today, tomorrow]);
        // The only stream is the county's own (its import at first start): docs/county.md.
        await using var session = _app.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var county = (await session.Events.FetchStreamAsync(Escalation.Host.Organisation.CountyStore.StreamId)).Single();
        var head = new StreamHead(county.StreamId, county.Version, county.Headers![EventChain.HashHeader].ToString()!);
        tomorrow.ShouldBe(new DigestLine(1, new DateOnly(2026, 11, 24), tomorrow.WrittenAt, tomorrow.Through, 1, StreamHeads.Root([head]), DigestLine.HashOf(lines[0])));
        tomorrow.WrittenAt.Offset.ShouldBe(TimeSpan.FromHours(8));
    }

    [Fact]
    public async Task a_restarted_host_does_not_write_the_day_again()
    {
        var database = await TestCluster.CreateDatabaseAsync("digests");
        var folder = Directory.CreateTempSubdirectory("escalation-digests-").FullName;
        try
        {
            foreach (var _ in Enumerable.Range(0, 2))
            {
                var host = await EscalationApp.StartAsync(database, (DigestFile.FolderSetting, folder));
                await host.Services.GetRequiredService<DailyDigest>().WriteIfDueAsync(default);
                await host.DisposeAsync();
            }

            (await File.ReadAllLinesAsync(Path.Combine(folder, DigestFile.FileName))).Length.ShouldBe(1);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task an_untouched_database_matches_every_digest()
    {
        var first = await ResolvedTicketsCoveredByADigestAsync(2);
        await ResolvedTicketsCoveredByADigestAsync(1);

        var verification = await VerifyAsync();

        verification.ShouldBe(new Verification(true, DigestPath, 3, verification.Through, null));
        verification.Through.ShouldBeGreaterThan(first.Line.Through);
    }

    [Fact]
    public async Task a_stream_rewritten_with_every_hash_recomputed_passes_its_chain_but_not_the_digest_before()
    {
        var earlier = await ResolvedTicketsCoveredByADigestAsync(1);
        var covered = await ResolvedTicketsCoveredByADigestAsync(1);
        var id = covered.Tickets[0];
        await ResolvedTicketsCoveredByADigestAsync(1);

        await RewriteConsistentlyAsync(id, "ticket_resolved", "Summary", "从未处理");

        (await _app.ClientFor("aud-01").GetFromJsonAsync<ChainVerification>($"/api/tickets/{id}/verify", Api.Json))!.Valid.ShouldBeTrue();
        var verification = await VerifyAsync();
        verification.Valid.ShouldBeFalse();
        var mismatch = verification.FirstMismatch.ShouldNotBeNull();
        mismatch.ShouldBe(new Mismatch(3, covered.Line.Date, "heads", covered.Line.Through, covered.Line.Streams, covered.Line.Streams,
            covered.Line.Root, mismatch.ActualRoot));
        mismatch.ActualRoot.ShouldNotBe(covered.Line.Root);
        earlier.Line.Through.ShouldBeLessThan(covered.Line.Through);
    }

    [Fact]
    public async Task a_stream_deleted_with_its_ticket_is_caught_by_the_digest_before()
    {
        var covered = await ResolvedTicketsCoveredByADigestAsync(2);
        var id = covered.Tickets[1];

        await ExecuteAsync(
            $"with gone_events as (delete from escalation.mt_events where stream_id = '{id}'), gone_view as (delete from escalation.mt_doc_ticketview where id = '{id}') " +
            $"delete from escalation.mt_streams where id = '{id}'");

        (await _app.ClientFor("aud-01").GetAsync($"/api/tickets/{id}/verify")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var mismatch = (await VerifyAsync()).FirstMismatch.ShouldNotBeNull();
        (mismatch.Line, mismatch.Reason, mismatch.DigestStreams, mismatch.ActualStreams).ShouldBe((2, "heads", covered.Line.Streams, covered.Line.Streams - 1));
    }

    [Fact]
    public async Task a_digest_line_removed_from_the_file_is_caught_at_the_line_after_the_gap()
    {
        await ResolvedTicketsCoveredByADigestAsync(1);
        await ResolvedTicketsCoveredByADigestAsync(1);
        var lines = await File.ReadAllLinesAsync(DigestPath);
        lines.Length.ShouldBe(3);

        await File.WriteAllLinesAsync(DigestPath, [lines[0], lines[2]]);

        var verification = await VerifyAsync();
        (verification.Valid, verification.Digests).ShouldBe((false, 2));
        (verification.FirstMismatch.ShouldNotBeNull().Line, verification.FirstMismatch.Reason).ShouldBe((2, "file-chain"));
    }

    [Fact]
    public async Task the_command_line_check_names_the_first_digest_that_no_longer_matches()
    {
        var covered = await ResolvedTicketsCoveredByADigestAsync(1);

        await RewriteConsistentlyAsync(covered.Tickets[0], "ticket_resolved", "Summary", "从未处理");

        var (exitCode, stdout, _) = await RunVerifyDigestsAsync();
        exitCode.ShouldNotBe(0);
        stdout.ShouldContain($"Digest at line 2 ({covered.Line.Date:yyyy-MM-dd}) no longer matches: heads.");
    }

    private DailyDigest Digest => _app.Services.GetRequiredService<DailyDigest>();

    private string DigestPath => Path.Combine(_app.DigestFolder, DigestFile.FileName);

    /// <summary>Resolved tickets, then the next day's digest, once the store's high-water mark has passed their events.</summary>
    private async Task<(List<Guid> Tickets, DigestLine Line)> ResolvedTicketsCoveredByADigestAsync(int count)
    {
        var tickets = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var id = await _app.ClientFor("op-01").ReportAsync();
            await _app.ClientFor("disp-SC-T01").DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
            await _app.ClientFor("disp-SC-T01-V01").DoAsync(id, "accept");
            await _app.ClientFor("disp-SC-T01-V01").DoAsync(id, "resolve", new { summary = "摊位已劝离" });
            tickets.Add(id);
        }
        await _app.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        await Digest.WriteIfDueAsync(default);
        _app.Clock.Advance(TimeSpan.FromDays(1));
        var line = await Digest.WriteIfDueAsync(default);
        line.Through.ShouldBeGreaterThanOrEqualTo(await LastSequenceAsync());
        return (tickets, line);
    }

    private async Task<Verification> VerifyAsync()
    {
        var response = await _app.ClientFor("aud-01").GetAsync("/api/integrity/verify");
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<Verification>(Api.Json))!;
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> RunVerifyDigestsAsync() =>
        HostProcess.RunWithOutputAsync(["verify-digests"],
            ("ConnectionStrings__Escalation", _app.ConnectionString), ("Escalation__Integrity__DigestFolder", _app.DigestFolder));

    /// <summary>
    /// What someone with the database and the hashing rule can do: change one event's data and recompute the hash of
    /// that event and of every event after it, so that the stream's own chain still verifies.
    /// </summary>
    private async Task RewriteConsistentlyAsync(Guid id, string type, string field, string value)
    {
        await ExecuteAsync($"update escalation.mt_events set data = jsonb_set(data, '{{{field}}}', to_jsonb('{value}'::text)) where stream_id = '{id}' and type = '{type}'");
        await using var connection = new NpgsqlConnection(_app.ConnectionString);
        await connection.OpenAsync();
        var events = new List<(long Version, string Type, string Data, DateTimeOffset At)>();
        await using (var read = new NpgsqlCommand($"select version, type, data::text, timestamp from escalation.mt_events where stream_id = '{id}' order by version", connection))
        await using (var reader = await read.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                events.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        string? previous = null;
        foreach (var e in events)
        {
            previous = EventChain.Hash(previous, id, e.Version, e.Type, e.At, archived: false, e.Data);
            await using var write = new NpgsqlCommand(
                $"update escalation.mt_events set headers = headers || jsonb_build_object('hash', '{previous}') where stream_id = '{id}' and version = {e.Version}", connection);
            (await write.ExecuteNonQueryAsync()).ShouldBe(1);
        }
    }

    private async Task<long> LastSequenceAsync()
    {
        await using var connection = new NpgsqlConnection(_app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select coalesce(max(seq_id), 0) from escalation.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        (await command.ExecuteNonQueryAsync()).ShouldBeGreaterThan(0);
    }
}
