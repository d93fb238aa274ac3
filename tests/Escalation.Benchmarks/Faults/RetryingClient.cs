using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Escalation.Domain.Reference;
using Escalation.Host.Auth;

namespace Escalation.Benchmarks.Faults;

/// <summary>An answer the host gave (or none: <see cref="Status"/> 0 when every attempt failed to get one).</summary>
public sealed record Answer(HttpStatusCode Status, JsonElement Body, int Attempts)
{
    public bool Answered => Status != 0;
}

/// <summary>
/// The county's users on the HTTP API as a real client behaves through an outage: a request that gets no answer, or a
/// 5xx, is sent again (the same request, with the same idempotency key) after a pause, until an answer comes or the
/// client gives up.
/// </summary>
public sealed class RetryingClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;
    private readonly Dictionary<string, AuthenticationHeaderValue> _tokens;
    private readonly TimeSpan _giveUp;

    public RetryingClient(Uri address, ReferenceData reference, TokenIssuer issuer, TimeSpan giveUp)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 64,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            UseCookies = false,
        };
        _http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        _tokens = reference.Users.ToDictionary(u => u.Id, u => new AuthenticationHeaderValue("Bearer", issuer.IssueFor(u)));
        _giveUp = giveUp;
    }

    /// <summary>Errors and 5xx answers seen (each one retried).</summary>
    public int Retries => _retries;
    private int _retries;

    public async Task<Answer> PostAsync(string user, string path, object body, string? idempotencyKey = null)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, Json);
        var deadline = DateTimeOffset.UtcNow + _giveUp;
        var pause = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = _tokens[user];
            if (idempotencyKey is not null)
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            try
            {
                using var response = await _http.SendAsync(request);
                var text = await response.Content.ReadAsByteArrayAsync();
                if ((int)response.StatusCode < 500)
                {
                    var json = text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text);
                    return new Answer(response.StatusCode, json, attempt);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                // No answer: the host is down or restarting, or the request timed out; send it again.
            }
            Interlocked.Increment(ref _retries);
            if (DateTimeOffset.UtcNow + pause > deadline)
                return new Answer(0, default, attempt);
            await Task.Delay(pause);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 1.5, 2000));
        }
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200 (or <paramref name="giveUp"/> passes): the moment it did.</summary>
    public async Task<DateTimeOffset?> WaitReadyAsync(TimeSpan giveUp, Func<bool> hasExited)
    {
        var end = DateTimeOffset.UtcNow + giveUp;
        while (DateTimeOffset.UtcNow < end && !hasExited())
        {
            try
            {
                using var ready = await _http.GetAsync("/health/ready");
                if (ready.IsSuccessStatusCode)
                    return DateTimeOffset.UtcNow;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(20);
        }
        return null;
    }

    public static string Describe(Answer answer)
    {
        if (!answer.Answered)
            return $"no answer after {answer.Attempts} attempts";
        var body = answer.Body.ValueKind == JsonValueKind.Undefined ? "" : answer.Body.GetRawText();
        return $"{(int)answer.Status} {body[..Math.Min(body.Length, 200)]}";
    }

    public void Dispose() => _http.Dispose();
}
