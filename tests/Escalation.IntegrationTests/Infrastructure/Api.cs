using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Escalation.IntegrationTests.Infrastructure;

/// <summary>Calls on the HTTP API as its clients make them.</summary>
public static class Api
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static object NewTicket(string description = "路灯不亮，晚上出行不便", string villageCode = "SC-T01-V01", string? categoryCode = "M-LE-01") => new
    {
        channel = "hotline",
        description,
        citizen = new { name = "王秀英", phone = "13812345678" },
        location = new { villageCode, address = "新发村三组" },
        categoryCode,
        urgency = "normal",
    };

    public static async Task<Guid> ReportAsync(this HttpClient client, object? body = null, string? idempotencyKey = null)
    {
        var response = await client.SendAsync(Request(HttpMethod.Post, "/api/tickets", body ?? NewTicket(), idempotencyKey));
        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("id").GetGuid();
    }

    public static Task<HttpResponseMessage> CommandAsync(this HttpClient client, Guid ticketId, string command, object? body = null, long? ifMatch = null)
    {
        var request = Request(HttpMethod.Post, $"/api/tickets/{ticketId}/{command}", body ?? new { });
        if (ifMatch is { } version)
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        return client.SendAsync(request);
    }

    /// <summary>Runs a command that must succeed.</summary>
    public static async Task<JsonElement> DoAsync(this HttpClient client, Guid ticketId, string command, object? body = null)
    {
        var response = await client.CommandAsync(ticketId, command, body);
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Json);
    }

    public static async Task<JsonElement> TicketAsync(this HttpClient client, Guid ticketId)
    {
        var response = await client.GetAsync($"/api/tickets/{ticketId}");
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("ticket");
    }

    /// <summary>The types of the ticket's events in order; the time limits they start are left out unless asked for.</summary>
    public static async Task<string[]> HistoryAsync(this HttpClient client, Guid ticketId, bool withTimeLimits = false)
    {
        var response = await client.GetAsync($"/api/tickets/{ticketId}/history");
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).EnumerateArray()
            .Select(e => e.GetProperty("type").GetString()!)
            .Where(type => withTimeLimits || type != "TimeLimitStarted")];
    }

    public static async Task ShouldHaveStatusAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
            throw new Shouldly.ShouldAssertException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, not {(int)expected}: " +
                await response.Content.ReadAsStringAsync());
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: Json) };
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }
}
