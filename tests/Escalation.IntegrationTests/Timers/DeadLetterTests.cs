using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Escalation.Domain.Escalation;
using Escalation.Domain.Timers;
using Escalation.Host.Commands;
using Escalation.Host.Infrastructure;
using Escalation.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;
using Wolverine.Runtime;

namespace Escalation.IntegrationTests.Timers;

/// <summary>
/// A dead-lettered timer, as the outages left 14 of them: an alarm (health, count, listing) until an administrator
/// replays it, and then it fires. Real timers and Wolverine's own polling, which moves a replayed letter back.
/// </summary>
public sealed class DeadLetterTests : IAsyncLifetime
{
    private readonly ShortLimits _limits = new(TimeSpan.FromSeconds(3));
    private EscalationApp _app = null!;

    public async Task InitializeAsync() => _app = await EscalationApp.StartAsync(
        await TestCluster.CreateDatabaseAsync("deadletters"),
        // The watchdog would fire the lost deadline itself: here the replay must.
        _limits.Settings(("Escalation:Timers:WatchdogInterval", "1.00:00:00")));

    [Fact]
    public async Task a_dead_lettered_deadline_degrades_health_is_listed_for_administrators_and_fires_when_replayed()
    {
        var id = await _app.ClientFor("op-01").ReportAsync();
        await _app.ClientFor("disp-SC-T01").DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
        var accept = (await _app.ClocksAsync(id)).Single(c => c.Clock == Clock.Accept);
        var letter = await DeadLetterTheTimerAsync(id, Light.Red);

        var health = await ReadyAsync();
        health.GetProperty("status").GetString().ShouldBe("Degraded");
        var check = health.GetProperty("checks").GetProperty("dead-letters");
        check.GetProperty("status").GetString().ShouldBe("Degraded");
        check.GetProperty("description").GetString().ShouldBe(
            "1 message(s) in the dead letter queue will not run until replayed: GET /api/admin/dead-letters.");
        health.GetRawText().ShouldNotContain(new NpgsqlConnectionStringBuilder(_app.ConnectionString).Port.ToString());

        var admin = _app.ClientFor("admin");
        var page = await admin.GetFromJsonAsync<JsonElement>("/api/admin/dead-letters", Api.Json);
        page.GetProperty("total").GetInt32().ShouldBe(1);
        var listed = page.GetProperty("items").EnumerateArray().Single();
        listed.GetProperty("id").GetGuid().ShouldBe(letter);
        listed.GetProperty("messageType").GetString()!.ShouldContain(nameof(TimeLimitDue), Case.Insensitive);
        listed.GetProperty("exceptionType").GetString().ShouldBe(typeof(NpgsqlException).FullName);
        listed.GetProperty("message").GetProperty("ticketId").GetGuid().ShouldBe(id);

        await Task.Delay(accept.Deadline - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1));
        (await _app.EventsAsync(id)).OfType<WarningLightLit>().ShouldNotContain(l => l.Light == Light.Red, "the dead letter holds the deadline back");

        (await admin.PostAsync($"/api/admin/dead-letters/{letter}/replay", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        await _app.WaitUntilAsync([id], events => events.OfType<TicketEscalated>().Any(), TimeSpan.FromSeconds(30));
        (await _app.EventsAsync(id)).OfType<WarningLightLit>().Count(l => l.Light == Light.Red).ShouldBe(1);
        (await _app.Services.GetRequiredService<DeadLetterAlarm>().CountAsync(CancellationToken.None)).ShouldBe(0);
        (await ReadyAsync()).GetProperty("status").GetString().ShouldBe("Healthy");
    }

    [Fact]
    public async Task only_administrators_see_or_replay_dead_letters()
    {
        var dispatcher = _app.ClientFor("disp-SC");
        (await dispatcher.GetAsync("/api/admin/dead-letters")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await dispatcher.PostAsync($"/api/admin/dead-letters/{Guid.NewGuid()}/replay", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _app.ClientFor("aud-01").GetAsync("/api/admin/dead-letters")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _app.Factory.CreateClient().GetAsync("/api/admin/dead-letters")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_replay_of_no_dead_letter_is_404_and_a_page_below_one_is_400()
    {
        var admin = _app.ClientFor("admin");

        var missing = await admin.PostAsync($"/api/admin/dead-letters/{Guid.NewGuid()}/replay", null);
        await missing.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        var badPage = await admin.GetAsync("/api/admin/dead-letters?page=0");
        await badPage.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        (await badPage.Content.ReadFromJsonAsync<JsonElement>(Api.Json)).GetProperty("errors").TryGetProperty("page", out _).ShouldBeTrue();
    }

    /// <summary>
    /// Moves the ticket's scheduled timer to the dead letter queue through Wolverine's own inbox, as its durable
    /// receiver does when a handler fails for good, with the fault the outages recorded.
    /// </summary>
    private async Task<Guid> DeadLetterTheTimerAsync(Guid id, Light light)
    {
        var storage = _app.Services.GetRequiredService<IWolverineRuntime>().Storage;
        var envelope = (await storage.Admin.AllIncomingAsync())
            .Single(e => e.Status == EnvelopeStatus.Scheduled && Encoding.UTF8.GetString(e.Data!) is var body
                && body.Contains(id.ToString(), StringComparison.Ordinal) && body.Contains($"\"light\":{(int)light}", StringComparison.Ordinal)
                && body.Contains($"\"clock\":{(int)Clock.Accept}", StringComparison.Ordinal));
        await storage.Inbox.MoveToDeadLetterStorageAsync(envelope, new NpgsqlException("57P03: the database system is starting up"));
        return envelope.Id;
    }

    private async Task<JsonElement> ReadyAsync() =>
        JsonDocument.Parse(await _app.Client.GetStringAsync("/health/ready")).RootElement;

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _limits.Dispose();
    }
}
