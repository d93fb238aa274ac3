using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Escalation.Host.Auth;
using Escalation.Host.Notifications;
using Escalation.Host.Reference;
using Escalation.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace Escalation.IntegrationTests.Notifications;

/// <summary>
/// The built host as its own process, killed (SIGKILL) after the command committed and while its notification is being
/// sent: the receiver holds the request open, so the send never completes. Restarted, the host sends it again from the
/// outbox, and the receiver acknowledges it once.
/// </summary>
public sealed class CrashTests
{
    private const string Key = "crash-test-signing-key-of-at-least-32-characters";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    [Fact]
    public async Task a_host_killed_between_commit_and_send_delivers_after_restart_once()
    {
        await using var receiver = await Receiver.StartAsync(NotificationApp.Secret);
        receiver.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var database = await TestCluster.CreateDatabaseAsync("crash");
        var digests = Directory.CreateTempSubdirectory("escalation-crash-digests").FullName;

        Guid id;
        await using (var first = await StartAsync(database, digests, receiver))
        {
            id = await first.ClientFor("op-01").ReportAsync(Urgent());
            await first.ClientFor("disp-SC-T01").DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
            await WaitAsync(() => receiver.Held.Any(r => IsFor(r, id)), "the first host to begin sending");
            first.Kill();
        }

        await using var second = await StartAsync(database, digests, receiver);
        await WaitAsync(() => receiver.Held.Count(r => IsFor(r, id)) == 2, "the restarted host to send it again");
        var pending = (await HooksAsync(second, id)).ShouldHaveSingleItem();
        pending.Status.ShouldBe(NotificationStatus.Queued, "the killed host never recorded a send");

        receiver.Hold.SetResult();
        await WaitAsync(async () => (await HooksAsync(second, id)).Single().Status == NotificationStatus.Sent, "the notification to be sent");

        receiver.All.Count(r => IsFor(r, id)).ShouldBe(1);
        (await HooksAsync(second, id)).Single().Attempts.ShouldBe(1);
        Directory.Delete(digests, recursive: true);
    }

    private static bool IsFor(Received r, Guid id) => r.Path == "/hook" && r.Body.GetProperty("ticketId").GetGuid() == id;

    private static async Task<IReadOnlyList<Notification>> HooksAsync(ServedHost host, Guid id) =>
        [.. (await host.ClientFor("aud-01").GetFromJsonAsync<List<Notification>>($"/api/tickets/{id}/notifications", Json))!.Where(n => n.Channel == "webhook:ops")];

    private static object Urgent() => new
    {
        channel = "hotline",
        description = "燃气味道很重",
        citizen = new { name = "王秀英", phone = "13812345678" },
        location = new { villageCode = "SC-T01-V01", address = "新发村三组" },
        categoryCode = "M-LE-01",
        urgency = "urgent",
    };

    private static Task WaitAsync(Func<bool> done, string what) => WaitAsync(() => Task.FromResult(done()), what);

    private static async Task WaitAsync(Func<Task<bool>> done, string what)
    {
        var giveUp = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (!await done())
        {
            if (DateTimeOffset.UtcNow > giveUp)
                throw new TimeoutException($"Waited 60 s for {what}.");
            await Task.Delay(100);
        }
    }

    private static async Task<ServedHost> StartAsync(string database, string digests, Receiver receiver)
    {
        var address = new Uri($"http://127.0.0.1:{SmtpServer.FreePort()}");
        var host = HostProcess.Start([],
        [
            ("ASPNETCORE_URLS", address.ToString().TrimEnd('/')),
            ("ConnectionStrings__Escalation", database),
            ("Escalation__Auth__SigningKey", Key),
            ("Escalation__Integrity__DigestFolder", digests),
            .. NotificationApp.Channels(smtp: null, receiver)
                .Where(s => !s.Item1.Contains(":Sms:", StringComparison.Ordinal))
                .Select(s => (s.Item1.Replace(":", "__", StringComparison.Ordinal), s.Item2)),
        ]);
        var served = new ServedHost(host, address);
        await served.WaitUntilReadyAsync();
        return served;
    }

    private sealed class ServedHost(RunningHost host, Uri address) : IAsyncDisposable
    {
        private readonly HttpClient _anonymous = new() { BaseAddress = address };
        private readonly List<HttpClient> _clients = [];

        /// <summary>A client signed in as one of the sample county's users, with a token under the host's key.</summary>
        public HttpClient ClientFor(string userId)
        {
            var reference = ReferenceDataLoader.Load(new ConfigurationBuilder().Build());
            var token = new TokenIssuer(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Key))).IssueFor(reference.FindUser(userId)!);
            var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            _clients.Add(client);
            return client;
        }

        public void Kill() => System.Diagnostics.Process.GetProcessById(host.Pid).Kill();

        public async Task WaitUntilReadyAsync()
        {
            var giveUp = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(90);
            while (!host.HasExited && DateTimeOffset.UtcNow < giveUp)
            {
                try
                {
                    using var ready = await _anonymous.GetAsync("/health/ready");
                    if (ready.IsSuccessStatusCode)
                        return;
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }
                await Task.Delay(100);
            }
            throw new InvalidOperationException($"The host was not ready:\n{host.Output}");
        }

        public async ValueTask DisposeAsync()
        {
            _anonymous.Dispose();
            _clients.ForEach(c => c.Dispose());
            await host.DisposeAsync();
        }
    }
}
