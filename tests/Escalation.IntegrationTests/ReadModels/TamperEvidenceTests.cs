using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Escalation.Domain;
using Escalation.Domain.Supervision;
using Escalation.Domain.Timers;
using Escalation.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Escalation.IntegrationTests.ReadModels;

/// <summary>Each event's hash chains it to the one before: an event changed or removed behind the service's back shows.</summary>
public sealed class TamperEvidenceTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private readonly HttpClient _operator = app.ClientFor("op-01");
    private readonly HttpClient _township = app.ClientFor("disp-SC-T01");
    private readonly HttpClient _village = app.ClientFor("disp-SC-T01-V01");
    private readonly HttpClient _auditor = app.ClientFor("aud-01");

    private sealed record Mismatch(long Version, string? Type, string? ExpectedHash, string? StoredHash, string Reason);

    private sealed record Verification(bool Valid, int Events, Mismatch? FirstMismatch);

    [Fact]
    public async Task a_case_through_many_hands_verifies()
    {
        var id = await _operator.ReportAsync();
        await _township.DoAsync(id, "triage", new { categoryCode = "M-LE-01", unitCode = "SC-T01" });
        await _township.DoAsync(id, "accept");
        var whistle = await _township.DoAsync(id, "whistles", new { departmentCodes = new[] { "D-UM", "D-MR" }, reason = "占道经营屡劝不改" });
        await app.ClientFor("dept-D-UM").DoAsync(id, $"whistles/{whistle.GetProperty("whistleId").GetGuid()}/report-in", new { onSite = true, note = "中队长到场，说明：\"当天处理\"" });
        await _township.DoAsync(id, "resolve", new { summary = "摊位已劝离 ✓" });
        await _operator.DoAsync(id, "rating", new { rating = "basically-satisfied", comment = "还行" });
        await _township.DoAsync(id, "close");

        var verification = await VerifyAsync(_auditor, id);

        var hashes = await StoredHashesAsync(id);
        verification.ShouldBe(new Verification(Valid: true, Events: hashes.Length, FirstMismatch: null));
        hashes.Length.ShouldBeGreaterThan(8);
        hashes.ShouldAllBe(hash => hash != null && hash.Length == 64);
    }

    [Fact]
    public async Task both_streams_of_a_merge_verify()
    {
        var master = await _operator.ReportAsync();
        var duplicate = await _operator.ReportAsync();

        await _township.DoAsync(duplicate, "merge", new { intoTicketId = master });

        // Each stream: the report, its clocks to triage and of the whole case, and the merge's event on it.
        (await VerifyAsync(_auditor, duplicate)).ShouldBe(new Verification(true, 4, null));
        (await VerifyAsync(_auditor, master)).ShouldBe(new Verification(true, 4, null));
    }

    [Fact]
    public async Task events_appended_outside_the_http_commands_are_chained_too()
    {
        var id = await _operator.ReportAsync();
        await _township.DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
        var now = app.Clock.GetUtcNow();

        var before = (await StoredHashesAsync(id)).Length;
        // Straight through a session with no expected version, as no command path appends but a careless handler could.
        await using (var session = Store.LightweightSession())
        {
            session.Events.Append(id,
                new TimeLimitStarted(id, Actor.System, now, Clock.Accept, "SC-T01-V01", now.AddMinutes(20), now.AddMinutes(30), null),
                new WarningLightLit(id, Actor.System, now.AddMinutes(20), Clock.Accept, Light.Yellow, "SC-T01-V01", now.AddMinutes(30), null));
            await session.SaveChangesAsync();
        }
        await _village.DoAsync(id, "accept");

        (await VerifyAsync(_auditor, id)).ShouldBe(new Verification(true, (await StoredHashesAsync(id)).Length, null));
        (await StoredHashesAsync(id)).Length.ShouldBeGreaterThan(before + 2);
    }

    [Fact]
    public async Task appends_racing_without_an_expected_version_never_fork_the_chain()
    {
        var id = await _operator.ReportAsync();

        var saved = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            await using var session = Store.LightweightSession();
            session.Events.Append(id, new TicketUrged(id, Actor.System, app.Clock.GetUtcNow(), $"催办 {i}"));
            try
            {
                await session.SaveChangesAsync();
                return true;
            }
            catch (JasperFx.ConcurrencyException)
            {
                return false;
            }
        }));

        var verification = await VerifyAsync(_auditor, id);
        verification.Valid.ShouldBeTrue();
        verification.Events.ShouldBe(3 + saved.Count(s => s), "the report and its two clocks, and the urgings that won");
    }

    [Fact]
    public async Task data_changed_in_the_database_is_caught_at_that_events_version()
    {
        var id = await ResolvedAsync();
        var resolved = await VersionOfAsync(id, "ticket_resolved");

        await ExecuteAsync($"update escalation.mt_events set data = jsonb_set(data, '{{Summary}}', '\"从未处理\"') where stream_id = '{id}' and version = {resolved}");

        var verification = await VerifyAsync(_auditor, id);
        verification.Valid.ShouldBeFalse();
        verification.Events.ShouldBe((await StoredHashesAsync(id)).Length);
        var mismatch = verification.FirstMismatch.ShouldNotBeNull();
        mismatch.Version.ShouldBe(resolved);
        mismatch.Type.ShouldBe("ticket_resolved");
        mismatch.Reason.ShouldBe("altered");
        mismatch.StoredHash.ShouldBe((await StoredHashesAsync(id))[resolved - 1]);
        mismatch.ExpectedHash.ShouldNotBe(mismatch.StoredHash);
    }

    [Fact]
    public async Task a_changed_event_type_is_caught()
    {
        var id = await ResolvedAsync();

        await ExecuteAsync($"update escalation.mt_events set type = 'ticket_urged' where stream_id = '{id}' and version = 3");

        (await VerifyAsync(_auditor, id)).FirstMismatch.ShouldNotBeNull().Version.ShouldBe(3);
    }

    [Fact]
    public async Task a_deleted_event_is_caught()
    {
        var id = await ResolvedAsync();

        await ExecuteAsync($"delete from escalation.mt_events where stream_id = '{id}' and version = 3");

        var verification = await VerifyAsync(_auditor, id);
        verification.Valid.ShouldBeFalse();
        verification.FirstMismatch.ShouldBe(new Mismatch(3, null, null, null, "missing"));
    }

    [Fact]
    public async Task a_deleted_last_event_is_caught()
    {
        var id = await ResolvedAsync();
        var last = (await StoredHashesAsync(id)).Length;

        await ExecuteAsync($"delete from escalation.mt_events where stream_id = '{id}' and version = {last}");

        var verification = await VerifyAsync(_auditor, id);
        verification.Valid.ShouldBeFalse();
        verification.FirstMismatch.ShouldBe(new Mismatch(last, null, null, null, "missing"));
    }

    [Fact]
    public async Task an_archived_event_hidden_from_history_and_state_is_caught()
    {
        var id = await ResolvedAsync();
        var resolved = await VersionOfAsync(id, "ticket_resolved");

        await ExecuteAsync($"update escalation.mt_events set is_archived = true where stream_id = '{id}' and version = {resolved}");

        var history = await (await _auditor.GetAsync($"/api/tickets/{id}/history")).Content.ReadFromJsonAsync<JsonElement>(Api.Json);
        history.EnumerateArray().Select(e => e.GetProperty("version").GetInt64()).ShouldNotContain(resolved);
        var mismatch = (await VerifyAsync(_auditor, id)).FirstMismatch.ShouldNotBeNull();
        (mismatch with { ExpectedHash = null, StoredHash = null }).ShouldBe(new Mismatch(resolved, "ticket_resolved", null, null, "archived"));
    }

    [Fact]
    public async Task a_stream_archived_through_marten_is_caught_at_its_first_event()
    {
        var id = await ResolvedAsync();

        await using (var session = Store.LightweightSession())
        {
            session.Events.ArchiveStream(id);
            await session.SaveChangesAsync();
        }

        var verification = await VerifyAsync(_auditor, id);
        verification.Valid.ShouldBeFalse();
        (verification.FirstMismatch.ShouldNotBeNull() with { ExpectedHash = null, StoredHash = null })
            .ShouldBe(new Mismatch(1, "ticket_reported", null, null, "archived"));
    }

    [Fact]
    public async Task only_the_streams_row_archived_is_caught()
    {
        var id = await ResolvedAsync();

        await ExecuteAsync($"update escalation.mt_streams set is_archived = true where id = '{id}'");

        (await VerifyAsync(_auditor, id)).FirstMismatch.ShouldBe(new Mismatch(0, null, null, null, "stream-archived"));
    }

    [Fact]
    public async Task a_changed_recorded_time_is_caught()
    {
        var id = await ResolvedAsync();

        await ExecuteAsync($"update escalation.mt_events set timestamp = timestamp - interval '1 microsecond' where stream_id = '{id}' and version = 2");

        var mismatch = (await VerifyAsync(_auditor, id)).FirstMismatch.ShouldNotBeNull();
        (mismatch.Version, mismatch.Reason).ShouldBe((2L, "altered"));
    }

    [Fact]
    public async Task a_lowered_stream_version_is_caught_at_the_first_event_beyond_it()
    {
        var id = await ResolvedAsync();

        await ExecuteAsync($"update escalation.mt_streams set version = 3 where id = '{id}'");

        var verification = await VerifyAsync(_auditor, id);
        verification.ShouldBe(new Verification(false, (await StoredHashesAsync(id)).Length, new Mismatch(4, null, null, null, "beyond-stream")));
    }

    [Fact]
    public async Task a_deleted_stream_row_is_caught()
    {
        var id = await ResolvedAsync();

        await ExecuteAsync($"delete from escalation.mt_streams where id = '{id}'");

        var verification = await VerifyAsync(_auditor, id);
        verification.Valid.ShouldBeFalse();
        verification.FirstMismatch.ShouldBe(new Mismatch(0, null, null, null, "no-stream"));
    }

    [Fact]
    public async Task a_deleted_stream_whose_ticket_is_still_listed_is_caught()
    {
        var id = await ResolvedAsync();

        await ExecuteAsync($"with gone as (delete from escalation.mt_events where stream_id = '{id}') delete from escalation.mt_streams where id = '{id}'");

        (await VerifyAsync(_auditor, id)).ShouldBe(new Verification(false, 0, new Mismatch(0, null, null, null, "no-stream")));
    }

    [Fact]
    public async Task events_hashed_in_the_first_format_still_verify_and_the_chain_goes_on_in_the_current_one()
    {
        var id = await ResolvedAsync();
        var firstFormat = await RewriteInFirstFormatAsync(id);

        (await VerifyAsync(_auditor, id)).ShouldBe(new Verification(true, firstFormat, null));
        await _operator.DoAsync(id, "rating", new { rating = "satisfied" });

        var events = (await StoredHashesAsync(id)).Length;
        (await VerifyAsync(_auditor, id)).ShouldBe(new Verification(true, events, null));
        events.ShouldBeGreaterThan(firstFormat);
    }

    [Fact]
    public async Task the_current_format_stripped_from_an_event_is_caught()
    {
        var id = await ResolvedAsync();

        await ExecuteAsync($"update escalation.mt_events set headers = headers - 'hash_format' where stream_id = '{id}' and version = 4");

        var mismatch = (await VerifyAsync(_auditor, id)).FirstMismatch.ShouldNotBeNull();
        (mismatch.Version, mismatch.ExpectedHash, mismatch.Reason).ShouldBe((4L, null, "altered"));
    }

    [Fact]
    public async Task erasing_the_citizens_data_leaves_the_chain_valid()
    {
        var id = await ResolvedAsync();

        await app.ClientFor("admin").DoAsync(id, "erase-citizen-data");

        (await VerifyAsync(app.ClientFor("admin"), id)).ShouldBe(new Verification(true, (await StoredHashesAsync(id)).Length, null));
        (await VersionOfAsync(id, "citizen_data_erased")).ShouldBeGreaterThan(5);
        var details = await (await _township.GetAsync($"/api/tickets/{id}")).Content.ReadFromJsonAsync<JsonElement>(Api.Json);
        details.GetProperty("citizen").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task only_who_may_see_the_ticket_may_verify_it()
    {
        var id = await ResolvedAsync();

        (await _village.GetAsync($"/api/tickets/{id}/verify")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var outsider = await app.ClientFor("disp-SC-T02").GetAsync($"/api/tickets/{id}/verify");
        await outsider.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        (outsider.Content.Headers.ContentType?.MediaType).ShouldBe("application/problem+json");
        await (await _auditor.GetAsync($"/api/tickets/{Guid.NewGuid()}/verify")).ShouldHaveStatusAsync(HttpStatusCode.NotFound);
    }

    private IDocumentStore Store => app.Services.GetRequiredService<IDocumentStore>();

    /// <summary>Reported, triaged to SC-T01-V01, accepted, noted and resolved there, with the clocks the host starts.</summary>
    private async Task<Guid> ResolvedAsync()
    {
        var id = await _operator.ReportAsync();
        await _township.DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
        await _village.DoAsync(id, "accept");
        await _village.DoAsync(id, "progress", new { note = "已到现场" });
        await _village.DoAsync(id, "resolve", new { summary = "摊位已劝离" });
        return id;
    }

    private static async Task<Verification> VerifyAsync(HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/api/tickets/{id}/verify");
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<Verification>(Api.Json))!;
    }

    private async Task<string?[]> StoredHashesAsync(Guid id)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select headers ->> 'hash' from escalation.mt_events where stream_id = '{id}' order by version", connection);
        var hashes = new List<string?>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            hashes.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
        return [.. hashes];
    }

    private async Task<long> VersionOfAsync(Guid id, string type)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select max(version) from escalation.mt_events where stream_id = '{id}' and type = '{type}'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Rehashes the whole stream as events were hashed before the current format, as a stream written then holds them.</summary>
    private async Task<int> RewriteInFirstFormatAsync(Guid id)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var events = new List<(long Version, string Type, string Data)>();
        await using (var read = new NpgsqlCommand($"select version, type, data::text from escalation.mt_events where stream_id = '{id}' order by version", connection))
        await using (var reader = await read.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                events.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        string? previous = null;
        foreach (var (version, type, data) in events)
        {
            previous = Escalation.Projections.Integrity.EventChain.Hash(previous, id, version, type, data);
            await using var write = new NpgsqlCommand(
                $"update escalation.mt_events set headers = (headers - 'hash_format') || jsonb_build_object('hash', '{previous}') where stream_id = '{id}' and version = {version}",
                connection);
            (await write.ExecuteNonQueryAsync()).ShouldBe(1);
        }
        return events.Count;
    }

    /// <summary>Changes the store behind the service's back, as someone with database access could.</summary>
    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        (await command.ExecuteNonQueryAsync()).ShouldBe(1);
    }
}
