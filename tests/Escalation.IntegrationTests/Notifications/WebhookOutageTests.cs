using System.Net.Http.Json;
using System.Text.Json;
using Escalation.Host.Notifications;
using Escalation.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Escalation.IntegrationTests.Notifications;

/// <summary>On the real clock with real retries: a webhook receiver that is really down for 30 s loses nothing and gets nothing twice.</summary>
public sealed class WebhookOutageTests
{
    private const int Tickets = 5;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    [Fact]
    public async Task a_receiver_down_for_30_seconds_then_up_gets_every_notification_exactly_once()
    {
        await using var receiver = await Receiver.StartAsync(NotificationApp.Secret);
        await receiver.DownAsync();
        var app = await EscalationApp.StartAsync(await TestCluster.CreateDatabaseAsync("outage"),
        [
            .. NotificationApp.Channels(smtp: null, receiver).Where(s => !s.Item1.Contains(":Sms:", StringComparison.Ordinal)),
            // Every 2 s for a minute: the schedule is compressed, the outage is not.
            .. Enumerable.Range(0, 30).Select(i => ($"Escalation:Notifications:Retry:{i}", "00:00:02")),
        ]);
        try
        {
            var ids = new List<Guid>();
            for (var i = 0; i < Tickets; i++)
            {
                var id = await app.ClientFor("op-01").ReportAsync(Urgent());
                await app.ClientFor("disp-SC-T01").DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
                ids.Add(id);
            }

            await Task.Delay(Outage);
            var during = await HooksAsync(app, ids);
            during.Count.ShouldBe(Tickets);
            during.ShouldAllBe(n => n.Status == NotificationStatus.Queued && n.Attempts >= 5, "retried while the receiver was down");

            await receiver.UpAsync();
            await receiver.WaitForAsync(r => ids.Contains(r.Body.GetProperty("ticketId").GetGuid()), Tickets, TimeSpan.FromSeconds(30));
            // Long enough for any second send to arrive: a retry comes 2 s after a failure.
            await Task.Delay(TimeSpan.FromSeconds(5));

            var received = receiver.All.Where(r => ids.Contains(r.Body.GetProperty("ticketId").GetGuid())).ToList();
            received.Count.ShouldBe(Tickets);
            received.Select(r => r.Id).Distinct().Count().ShouldBe(Tickets);
            received.ShouldAllBe(r => r.SignatureValid && r.Body.GetProperty("kind").GetString() == "dispatched");
            (await HooksAsync(app, ids)).ShouldAllBe(n => n.Status == NotificationStatus.Sent);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task a_notification_that_failed_for_good_is_listed_for_the_administrator_and_a_replay_sends_it_once()
    {
        await using var receiver = await Receiver.StartAsync(NotificationApp.Secret);
        await receiver.DownAsync();
        var app = await EscalationApp.StartAsync(await TestCluster.CreateDatabaseAsync("replay"),
        [
            .. NotificationApp.Channels(smtp: null, receiver).Where(s => !s.Item1.Contains(":Sms:", StringComparison.Ordinal)),
            ("Escalation:Notifications:Retry:0", "00:00:00.500"),
        ]);
        try
        {
            using var failures = new MetricCollector<long>(null, "Escalation", "escalation.notifications.failed");
            var id = await app.ClientFor("op-01").ReportAsync(Urgent());
            await app.ClientFor("disp-SC-T01").DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
            var admin = app.ClientFor("admin");
            var giveUp = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
            List<Notification> failed;
            while ((failed = (await admin.GetFromJsonAsync<List<Notification>>("/api/admin/notifications/failed", Json))!.Where(n => n.TicketId == id).ToList()).Count == 0)
            {
                if (DateTimeOffset.UtcNow > giveUp)
                    throw new TimeoutException("The notification did not fail within 30 s.");
                await Task.Delay(100);
            }
            var letter = failed.ShouldHaveSingleItem();
            letter.ShouldSatisfyAllConditions(
                n => n.Channel.ShouldBe("webhook:ops"),
                n => n.Attempts.ShouldBe(2, "the first attempt and its one retry"),
                n => n.LastError.ShouldNotBeNull());
            failures.GetMeasurementSnapshot().Where(m => Equals(m.Tags["channel"], Channels.Webhook)).Sum(m => m.Value).ShouldBe(1);
            (await app.ClientFor("disp-SC-T01").PostAsync($"/api/admin/notifications/{Uri.EscapeDataString(letter.Id)}/replay", null))
                .StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden);

            await receiver.UpAsync();
            (await admin.PostAsync($"/api/admin/notifications/{Uri.EscapeDataString(letter.Id)}/replay", null)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Accepted);

            await receiver.WaitForAsync(r => r.Id == letter.Id, 1, TimeSpan.FromSeconds(30));
            (await admin.PostAsync($"/api/admin/notifications/{Uri.EscapeDataString(letter.Id)}/replay", null)).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound, "it is no longer failed");
            receiver.All.Count(r => r.Id == letter.Id).ShouldBe(1);
            (await HooksAsync(app, [id])).Single().Status.ShouldBe(NotificationStatus.Sent);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static object Urgent() => new
    {
        channel = "hotline",
        description = "燃气味道很重",
        citizen = new { name = "王秀英", phone = "13812345678" },
        location = new { villageCode = "SC-T01-V01", address = "新发村三组" },
        categoryCode = "M-LE-01",
        urgency = "urgent",
    };

    private static async Task<IReadOnlyList<Notification>> HooksAsync(EscalationApp app, IEnumerable<Guid> ids)
    {
        var all = new List<Notification>();
        foreach (var id in ids)
            all.AddRange((await app.ClientFor("aud-01").GetFromJsonAsync<List<Notification>>($"/api/tickets/{id}/notifications", Json))!
                .Where(n => n.Channel == "webhook:ops"));
        return all;
    }
}
