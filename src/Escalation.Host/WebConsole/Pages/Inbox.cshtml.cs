using Escalation.Domain.Reference;
using Escalation.Host.Api;
using Escalation.Host.Features.Tickets;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Escalation.Host.WebConsole.Pages;

/// <summary>
/// The user's work queues as tabs with their counts, a search over what the user may see, and one keyset page of 50
/// rows. A row carries no action forms: they are loaded when the row's actions are opened (or on the ticket's page), so
/// a page stays small at a county's volume.
/// </summary>
public sealed class InboxModel(IQuerySession session, ReferenceData reference, TicketQueues queues, Texts texts, TimeProvider clock) : ConsolePage
{
    public const int PageSize = 50;

    /// <summary>The query string's names of the search, as the API names them.</summary>
    public static readonly string[] SearchKeys = ["q", "phone", "state", "light", "urgency", "channel", "place", "category", "holder", "missed", "from", "to", "sort"];

    public IReadOnlyList<QueueCount> Tabs { get; private set; } = [];

    public Queue Current { get; private set; }

    public TicketSearchRequest Search { get; private set; } = new();

    public QueuePage Found { get; private set; } = new([], 0, null);

    public FormErrors Errors { get; private set; } = new();

    public DateTimeOffset Now { get; private set; }

    public long CurrentCount => Tabs.FirstOrDefault(t => t.Queue == Current)?.Count ?? Found.Total;

    /// <summary>The places a search may name: the units within the user's own (all for those who see the county).</summary>
    public IEnumerable<Unit> Places => reference.UnitsWithin(MyRole == Role.Dispatcher ? Me.UnitCode : reference.County.Code)
        .Where(u => u.Kind is not (UnitKind.Grid or UnitKind.County));

    public async Task<IActionResult> OnGetAsync()
    {
        Now = clock.GetUtcNow();
        var roleQueues = TicketQueues.For(MyRole);
        var query = Request.Query;
        string? Get(string key) => query.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString() : null;
        var asked = Get("queue");
        Current = roleQueues.FirstOrDefault(q => Fields.Name(q) == asked, MyRole == Role.Operator ? Queue.All : Queue.Open);
        Search = new TicketSearchRequest(
            Fields.Name(Current), Get("state"), Get("light"), Get("urgency"), Get("channel"), Get("category"), Get("place"), Get("holder"),
            Get("missed"), Get("q"), Get("phone"), null, Get("from"), Get("to"), Get("sort"), Get("cursor"));
        Tabs = await queues.CountsAsync(session, User, null, HttpContext.RequestAborted);

        var fields = new Fields();
        var search = queues.Check(Search, User, fields);
        if (!fields.AreValid)
        {
            Errors = FormErrors.From(new Commands.CommandResult.InvalidFields(fields.Errors), texts, field => field);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Found = await queues.PageAsync(session, User, search, PageSize, HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>
    /// Server-sent events for the inbox and the board: the user's queue counts now, and again after each change to the
    /// store (a ticket arrived, changed light, left), or a comment every 25 s to keep the connection open. The page
    /// then fetches itself again; where EventSource is missing or fails it asks every 30 s instead.
    /// </summary>
    public async Task<IActionResult> OnGetLiveAsync([FromServices] LiveChanges changes)
    {
        var ct = HttpContext.RequestAborted;
        Response.Headers.ContentType = "text/event-stream";
        Response.Headers.CacheControl = "no-store";
        while (!ct.IsCancellationRequested)
        {
            var counts = await queues.CountsAsync(session, User, null, ct);
            var data = System.Text.Json.JsonSerializer.Serialize(counts.ToDictionary(c => Fields.Name(c.Queue), c => c.Count));
            await Response.WriteAsync($"event: queues\ndata: {data}\n\n", ct);
            await Response.Body.FlushAsync(ct);
            while (true)
            {
                try
                {
                    await changes.NextAsync(ct).WaitAsync(TimeSpan.FromSeconds(25), ct);
                    break;
                }
                catch (TimeoutException)
                {
                    await Response.WriteAsync(": alive\n\n", ct);
                    await Response.Body.FlushAsync(ct);
                }
                catch (OperationCanceledException)
                {
                    return new EmptyResult();
                }
            }
        }
        return new EmptyResult();
    }

    /// <summary>This page's address with some of its parameters changed (null drops one); a new search starts at the first page.</summary>
    public string Link(params (string Key, string? Value)[] changes)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal) { ["queue"] = Fields.Name(Current) };
        foreach (var key in SearchKeys)
            values[key] = Request.Query.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString() : null;
        foreach (var (key, value) in changes)
            values[key] = value;
        return QueryString.Create(values.Where(v => v.Value is not null).Select(v => KeyValuePair.Create(v.Key, v.Value))).ToUriComponent() is var q
            ? "/inbox" + q : "/inbox";
    }
}
