using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Escalation.Domain;
using Escalation.Domain.Intake;
using Escalation.IntegrationTests.Infrastructure;
using Escalation.Projections;
using Escalation.Projections.Privacy;
using JasperFx;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Weasel.Core;

namespace Escalation.IntegrationTests.Privacy;

/// <summary>
/// The citizen's free text (description, address, rating comment, withdrawal reason) is kept beside the events, read back
/// by every reader, and erased with the name and phone: nothing of it is left in the database, every reader shows the
/// placeholder, the hash chain stays valid and a rebuild brings nothing back.
/// </summary>
public sealed class ErasureTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private const string Erased = "[erased]";
    private readonly HttpClient _operator = app.ClientFor("op-01");
    private readonly HttpClient _township = app.ClientFor("disp-SC-T01");
    private readonly HttpClient _village = app.ClientFor("disp-SC-T01-V01");
    private readonly HttpClient _admin = app.ClientFor("admin");

    [Fact]
    public async Task the_citizens_text_is_kept_beside_the_events_and_every_reader_sees_it()
    {
        var (id, marker) = await RatedAsync();

        (await CountAsync($"select count(*) from escalation.mt_events where data::text like '%{marker}%'")).ShouldBe(0);
        (await CountAsync($"select count(*) from escalation.mt_doc_citizentext where data::text like '%{marker}%' and data->>'TicketId' = '{id}'")).ShouldBe(2);

        var ticket = await _township.TicketAsync(id);
        (ticket.GetProperty("description").GetString(), ticket.GetProperty("address").GetString(), ticket.GetProperty("ratingComment").GetString())
            .ShouldBe(($"{marker}路灯坏了", $"{marker}7号", $"{marker}还是不亮"));
        var reported = (await HistoryAsync(id)).First(e => e.GetProperty("type").GetString() == "TicketReported").GetProperty("data");
        (reported.GetProperty("description").GetString(), reported.GetProperty("address").GetString()).ShouldBe(($"{marker}路灯坏了", $"{marker}7号"));
        (await StateAsync(id, 1)).GetProperty("description").GetString().ShouldBe($"{marker}路灯坏了");
        (await SearchAsync(marker)).ShouldBe([id]);
    }

    [Fact]
    public async Task erasure_leaves_no_trace_of_the_citizens_text_and_the_chain_valid()
    {
        var (id, marker) = await RatedAsync();

        await _admin.DoAsync(id, "erase-citizen-data");

        (await TablesHoldingAsync(marker)).ShouldBeEmpty();
        var ticket = await _township.TicketAsync(id);
        (ticket.GetProperty("description").GetString(), ticket.GetProperty("address").GetString(), ticket.GetProperty("ratingComment").GetString())
            .ShouldBe((Erased, Erased, Erased));
        var history = await HistoryAsync(id);
        history.Select(e => e.GetProperty("data").GetRawText()).ShouldAllBe(data => !data.Contains(marker));
        var reported = history.First(e => e.GetProperty("type").GetString() == "TicketReported").GetProperty("data");
        (reported.GetProperty("description").GetString(), reported.GetProperty("address").GetString()).ShouldBe((Erased, Erased));
        var rated = history.First(e => e.GetProperty("type").GetString() == "CitizenRated").GetProperty("data");
        rated.GetProperty("comment").GetString().ShouldBe(Erased);
        (await StateAsync(id, 1)).GetProperty("description").GetString().ShouldBe(Erased);
        (await SearchAsync(marker)).ShouldBeEmpty();
        var verification = await (await _admin.GetAsync($"/api/tickets/{id}/verify")).Content.ReadFromJsonAsync<JsonElement>(Api.Json);
        verification.GetProperty("valid").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task a_rebuild_puts_the_kept_text_back_and_brings_no_erased_text_back()
    {
        var (kept, keptMarker) = await RatedAsync();
        var (erased, erasedMarker) = await RatedAsync();
        await _admin.DoAsync(erased, "erase-citizen-data");
        var before = (await _township.TicketAsync(kept)).GetRawText();
        var erasedBefore = (await _township.TicketAsync(erased)).GetRawText();
        await ExecuteAsync("update escalation.mt_doc_ticketview set data = jsonb_set(data, '{Description}', '\"spoiled\"')");

        var daemon = app.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.RebuildProjectionAsync(nameof(TicketView), TimeSpan.FromMinutes(1), CancellationToken.None);

        (await _township.TicketAsync(kept)).GetRawText().ShouldBe(before);
        (await _township.TicketAsync(erased)).GetRawText().ShouldBe(erasedBefore);
        (await TablesHoldingAsync(erasedMarker)).ShouldBeEmpty();
        (await _township.TicketAsync(kept)).GetProperty("description").GetString().ShouldBe($"{keptMarker}路灯坏了");
    }

    [Fact]
    public async Task a_withdrawal_reason_is_the_citizens_text_and_is_erased_with_it()
    {
        var marker = Marker();
        var id = await _operator.ReportAsync(Api.NewTicket(description: $"{marker}噪音"));
        await _operator.DoAsync(id, "withdraw", new { reason = $"{marker}已自行解决" });
        (await CountAsync($"select count(*) from escalation.mt_events where data::text like '%{marker}%'")).ShouldBe(0);
        (await HistoryAsync(id)).Last().GetProperty("data").GetProperty("reason").GetString().ShouldBe($"{marker}已自行解决");

        await _admin.DoAsync(id, "erase-citizen-data");

        (await TablesHoldingAsync(marker)).ShouldBeEmpty();
        (await HistoryAsync(id)).Single(e => e.GetProperty("type").GetString() == "TicketWithdrawn").GetProperty("data").GetProperty("reason").GetString().ShouldBe(Erased);
    }

    [Fact]
    public async Task a_ticket_whose_events_hold_the_text_from_before_still_reads_and_once_erased_shows_the_placeholder()
    {
        var marker = Marker();
        var id = Guid.CreateVersion7();
        await using (var old = OldStore())
        {
            await using var session = old.LightweightSession();
            session.Events.StartStream(id, new TicketReported(
                id, new Actor("op-01", "operator", "SC"), app.Clock.GetUtcNow(), Channel.Hotline, $"{marker}旧工单", "SC-T01-V01", null, $"{marker}旧地址",
                "M-LE-01", Urgency.Normal, "SC-T01"));
            await session.SaveChangesAsync();
        }
        (await CountAsync($"select count(*) from escalation.mt_events where data::text like '%{marker}%'")).ShouldBe(1);
        (await _admin.TicketAsync(id)).GetProperty("description").GetString().ShouldBe($"{marker}旧工单");

        await _admin.DoAsync(id, "erase-citizen-data");

        var ticket = await _admin.TicketAsync(id);
        (ticket.GetProperty("description").GetString(), ticket.GetProperty("address").GetString()).ShouldBe((Erased, Erased));
        var reported = (await HistoryAsync(id)).First().GetProperty("data");
        (reported.GetProperty("description").GetString(), reported.GetProperty("address").GetString()).ShouldBe((Erased, Erased));
        (await SearchAsync(marker, _admin)).ShouldBeEmpty();
        var verification = await (await _admin.GetAsync($"/api/tickets/{id}/verify")).Content.ReadFromJsonAsync<JsonElement>(Api.Json);
        verification.GetProperty("valid").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task the_consoles_ticket_audit_and_print_pages_show_the_erased_text_as_erased()
    {
        var (id, marker) = await RatedAsync();
        var auditor = await WebConsole.ConsoleClient.SignedInAsync(app, "aud-01");
        (await (await auditor.GetAsync($"/audit/{id}")).Content.ReadAsStringAsync()).ShouldContain($"{marker}路灯坏了");

        await _admin.DoAsync(id, "erase-citizen-data");

        foreach (var path in new[] { $"/tickets/{id}", $"/audit/{id}", $"/audit/{id}?version=1", $"/tickets/{id}/print" })
        {
            var response = await auditor.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            var html = await response.Content.ReadAsStringAsync();
            html.ShouldNotContain(marker, customMessage: path);
            html.ShouldContain("〔个人信息已删除〕", customMessage: path);
        }
    }

    [Fact]
    public async Task the_audit_page_reads_a_stream_with_a_version_deleted_behind_the_services_back()
    {
        var (id, marker) = await RatedAsync();
        await ExecuteAsync($"delete from escalation.mt_events where stream_id = '{id}' and version = 2");

        var auditor = await WebConsole.ConsoleClient.SignedInAsync(app, "aud-01");
        var page = await auditor.GetAsync($"/audit/{id}");

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain($"{marker}还是不亮");
        html.ShouldContain("data-valid=\"false\"");
    }

    private static string Marker() => $"紫藤巷{Random.Shared.Next(100_000, 999_999)}";

    /// <summary>A ticket reported with an address, resolved and rated unsatisfied with a comment, every text carrying the marker.</summary>
    private async Task<(Guid Id, string Marker)> RatedAsync()
    {
        var marker = Marker();
        var id = await _operator.ReportAsync(new
        {
            channel = "hotline",
            description = $"{marker}路灯坏了",
            citizen = new { name = "王秀英", phone = "13812345678" },
            location = new { villageCode = "SC-T01-V01", address = $"{marker}7号" },
            categoryCode = "M-LE-01",
            urgency = "normal",
        });
        await _township.DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
        await _village.DoAsync(id, "accept");
        await _village.DoAsync(id, "resolve", new { summary = "已更换灯泡" });
        await _operator.DoAsync(id, "rating", new { rating = "unsatisfied", comment = $"{marker}还是不亮" });
        return (id, marker);
    }

    /// <summary>A store writing events as they were written before the citizen's text was kept apart: in the event, with no text kept beside it.</summary>
    private DocumentStore OldStore() => DocumentStore.For(opts =>
    {
        opts.Connection(app.ConnectionString);
        opts.DatabaseSchemaName = "escalation";
        opts.AutoCreateSchemaObjects = AutoCreate.None;
        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString);
        opts.AddEscalationReadModels();
        opts.Listeners.Remove(opts.Listeners.OfType<CitizenTextListener>().Single());
    });

    private async Task<JsonElement[]> HistoryAsync(Guid id)
    {
        var response = await _admin.GetAsync($"/api/tickets/{id}/history");
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Api.Json)).EnumerateArray()];
    }

    private async Task<JsonElement> StateAsync(Guid id, long version)
    {
        var response = await _admin.GetAsync($"/api/tickets/{id}/state?version={version}");
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Api.Json);
    }

    private async Task<Guid[]> SearchAsync(string text, HttpClient? client = null)
    {
        var response = await (client ?? _township).GetAsync($"/api/tickets?q={Uri.EscapeDataString(text)}&pageSize=200");
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Api.Json)).GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid())];
    }

    /// <summary>Every table of the service's schema with a row whose text holds <paramref name="text"/>: events, documents, Wolverine's own.</summary>
    private async Task<List<string>> TablesHoldingAsync(string text)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("select table_name from information_schema.tables where table_schema = 'escalation' and table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        }
        var holding = new List<string>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"select count(*) from escalation.\"{table}\" t where t::text like @pattern", connection);
            count.Parameters.AddWithValue("pattern", $"%{text}%");
            if ((long)(await count.ExecuteScalarAsync())! > 0)
                holding.Add(table);
        }
        return holding;
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
