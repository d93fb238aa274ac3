using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Escalation.Domain.Reference;
using Escalation.Host.Auth;

namespace Escalation.Benchmarks.BusyDay;

/// <summary>
/// The county's users on the HTTP API, over one pool of keep-alive connections to the host: each request carries the
/// bearer token of the user who makes it (signed with the host's key by <see cref="TokenIssuer"/>). Any answer other
/// than the one the call expects is an <see cref="UnexpectedAnswerException"/>.
/// </summary>
public sealed class CountyApi : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");
    private readonly HttpClient _http;
    private readonly Dictionary<string, AuthenticationHeaderValue> _tokens;

    public CountyApi(Uri baseAddress, ReferenceData reference, TokenIssuer issuer, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseCookies = false,
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _tokens = reference.Users.ToDictionary(u => u.Id, u => new AuthenticationHeaderValue("Bearer", issuer.IssueFor(u)));
    }

    /// <summary>Where each command's latency goes, by command name, while a phase records them.</summary>
    public CommandLatencies? Recorder { get; set; }

    /// <summary>POST /api/tickets with an idempotency key, as the hotline's system sends it: 201 and the new ticket's id.</summary>
    public async Task<Guid> OpenAsync(string user, object ticket, long? plannedAt = null)
    {
        using var request = Request(user, "/api/tickets", ticket);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        var body = await SendAsync("open", request, HttpStatusCode.Created, plannedAt);
        return body.GetProperty("id").GetGuid();
    }

    /// <summary>A command on a ticket that must succeed (200): its answer.</summary>
    public async Task<JsonElement> DoAsync(string user, Guid ticketId, string command, object? body = null, string? name = null)
    {
        using var request = Request(user, $"/api/tickets/{ticketId}/{command}", body ?? new { });
        return await SendAsync(name ?? command, request, HttpStatusCode.OK, plannedAt: null);
    }

    /// <summary>A GET that must answer 200.</summary>
    public async Task<JsonElement> GetAsync(string user, string path, string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = _tokens[user];
        return await SendAsync(name, request, HttpStatusCode.OK, plannedAt: null);
    }

    private HttpRequestMessage Request(string user, string path, object body)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, Json));
        content.Headers.ContentType = JsonType;
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Authorization = _tokens[user];
        return request;
    }

    private async Task<JsonElement> SendAsync(string name, HttpRequestMessage request, HttpStatusCode expected, long? plannedAt)
    {
        var origin = Math.Max(plannedAt ?? 0, Stopwatch.GetTimestamp());
        using var response = await _http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Recorder?.Add(name, OpenLoop.Milliseconds(origin, Stopwatch.GetTimestamp()));
        if (response.StatusCode != expected)
        {
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            throw new UnexpectedAnswerException(
                $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}, not {(int)expected}: {text[..Math.Min(text.Length, 300)]}");
        }
        return bytes.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(bytes);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>Latencies in milliseconds by command name, from several concurrent cases.</summary>
public sealed class CommandLatencies
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _byCommand = new();

    public void Add(string command, double milliseconds) => _byCommand.GetOrAdd(command, _ => new()).Enqueue(milliseconds);

    public int Count => _byCommand.Values.Sum(q => q.Count);

    public IReadOnlyDictionary<string, Latency> Summary() =>
        _byCommand.OrderByDescending(kv => kv.Value.Count).ToDictionary(kv => kv.Key, kv => Latency.Of(kv.Value));

    /// <summary>Every command but opening a ticket, together.</summary>
    public Latency LifecycleCommands() => Latency.Of(_byCommand.Where(kv => kv.Key != "open").SelectMany(kv => kv.Value));
}
