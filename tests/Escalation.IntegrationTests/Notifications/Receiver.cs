using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Escalation.IntegrationTests.Notifications;

/// <param name="Id">The notification's id, from the X-Escalation-Notification-Id header.</param>
/// <param name="SignatureValid">Whether X-Escalation-Signature is the HMAC-SHA256 of the body under the shared secret.</param>
public sealed record Received(string Path, string? Id, bool SignatureValid, JsonElement Body, string? Authorization);

/// <summary>
/// A real HTTP receiver for webhooks and the SMS gateway: Kestrel on a loopback port, checking each webhook's signature
/// itself. It can be stopped and started again on the same port, to be really down for a while.
/// </summary>
public sealed class Receiver : IAsyncDisposable
{
    private readonly string _secret;
    private WebApplication? _app;

    private Receiver(string secret, int port)
    {
        _secret = secret;
        Port = port;
    }

    public int Port { get; }
    public Uri Url(string path) => new($"http://127.0.0.1:{Port}{path}");
    /// <summary>The requests answered 200: each delivered.</summary>
    public ConcurrentQueue<Received> All { get; } = new();

    /// <summary>The requests held unanswered while <see cref="Hold"/> is set (their sender is caught mid-send).</summary>
    public ConcurrentQueue<Received> Held { get; } = new();

    /// <summary>While set, every request is held open until it completes (or the sender goes away).</summary>
    public TaskCompletionSource? Hold { get; set; }

    public static async Task<Receiver> StartAsync(string secret)
    {
        var receiver = new Receiver(secret, SmtpServer.FreePort());
        await receiver.UpAsync();
        return receiver;
    }

    public async Task UpAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Port));
        var app = builder.Build();
        app.MapPost("/{**path}", async (HttpContext http) =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_secret), body));
            var signature = http.Request.Headers["X-Escalation-Signature"].ToString();
            var valid = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(expected));
            var received = new Received(
                http.Request.Path, http.Request.Headers["X-Escalation-Notification-Id"].ToString(), valid,
                JsonDocument.Parse(body).RootElement.Clone(), http.Request.Headers.Authorization.ToString());
            if (Hold is { } hold)
            {
                Held.Enqueue(received);
                await hold.Task.WaitAsync(http.RequestAborted);
            }
            All.Enqueue(received);
            return Results.Ok();
        });
        await app.StartAsync();
        _app = app;
    }

    /// <summary>Stops listening: connections to the port are refused until <see cref="UpAsync"/>.</summary>
    public async Task DownAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public async Task<IReadOnlyList<Received>> WaitForAsync(Func<Received, bool> which, int count, TimeSpan limit)
    {
        var giveUp = DateTimeOffset.UtcNow + limit;
        while (All.Count(which) < count)
        {
            if (DateTimeOffset.UtcNow > giveUp)
                throw new TimeoutException($"{count} requests did not arrive within {limit}: {All.Count(which)} did.");
            await Task.Delay(100);
        }
        return [.. All.Where(which)];
    }

    public ValueTask DisposeAsync() => new(DownAsync());
}
