using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Escalation.Domain;
using Escalation.Domain.Intake;
using Escalation.Domain.Reference;
using Escalation.Domain.Timers;
using Escalation.Host.Api;
using Escalation.Host.Auth;
using Escalation.Projections;
using Marten;
using Marten.Linq.MatchesSql;

namespace Escalation.Host.Features.Tickets;

/// <summary>A work queue (tab): the tickets waiting for one kind of work.</summary>
public enum Queue
{
    /// <summary>待分类: reported, awaiting triage.</summary>
    Triage,

    /// <summary>待签收: dispatched, awaiting acceptance.</summary>
    Accept,

    /// <summary>办理中.</summary>
    InHandling,

    /// <summary>待报到: a summoned department's clock to report in runs (for a department: its own).</summary>
    ReportIn,

    /// <summary>待回访: resolved, the citizen not yet called back.</summary>
    Callback,

    /// <summary>待结案: resolved and rated, not yet closed.</summary>
    Closure,

    /// <summary>已超时: a running limit is red.</summary>
    Overdue,

    /// <summary>Every open ticket.</summary>
    Open,

    /// <summary>Closed, withdrawn or merged.</summary>
    Closed,

    /// <summary>Every ticket, open or not.</summary>
    All,

    /// <summary>我的: the open tickets the holding unit named the user to handle (joint handling, #18).</summary>
    Mine,
}

/// <summary>How a queue is sorted: nearest deadline first (no running clock last), or by the time of report.</summary>
public enum QueueSort { Deadline, Newest, Oldest }

/// <summary>A search as asked for, every part as text (a query string's values), before it is checked.</summary>
public sealed record TicketSearchRequest(
    string? Queue = null, string? State = null, string? Light = null, string? Urgency = null, string? Channel = null,
    string? Category = null, string? Place = null, string? Holder = null, string? Missed = null, string? Q = null,
    string? Phone = null, string? Number = null, string? From = null, string? To = null, string? Sort = null,
    string? Cursor = null, string? Unit = null);

/// <summary>One page of a queue or search: its tickets, how many match in all, and where the next page starts.</summary>
public sealed record QueuePage(IReadOnlyList<TicketView> Items, long Total, string? NextCursor);

/// <summary>A queue's name and how many tickets wait in it.</summary>
public sealed record QueueCount(Queue Queue, long Count);

/// <summary>
/// The work queues and the search, for the API and the console alike: always within what the caller may see
/// (<see cref="Access.Visible"/>). Pages are keyset pages: the cursor names the last row's sort key, so rows added or
/// gone meanwhile neither repeat nor hide a row of the next page.
/// </summary>
public sealed class TicketQueues(global::Escalation.Host.Organisation.CountyReference county)
{
    /// <summary>The county's reference data in force now (it changes at runtime: docs/county.md).</summary>
    private ReferenceData reference => county.Current;

    public const int MaxQuery = 100;

    private const string Reported = "(d.data ->> 'ReportedAt')::timestamptz";
    private const string NextDeadline = "coalesce((d.data ->> 'NextDeadline')::timestamptz, 'infinity')";

    /// <summary>The queues a role works from, in the order the console shows them as tabs.</summary>
    public static IReadOnlyList<Queue> For(Role? role) => role switch
    {
        Role.Operator => [Queue.Callback, Queue.Open, Queue.All],
        Role.Dispatcher => [Queue.Triage, Queue.Accept, Queue.InHandling, Queue.ReportIn, Queue.Callback, Queue.Closure, Queue.Overdue, Queue.Open, Queue.Mine],
        Role.Department => [Queue.Accept, Queue.InHandling, Queue.ReportIn, Queue.Overdue, Queue.Open, Queue.Mine],
        Role.Leader => [Queue.Open, Queue.Overdue, Queue.All],
        Role.Auditor or Role.Administrator =>
            [Queue.Triage, Queue.Accept, Queue.InHandling, Queue.ReportIn, Queue.Callback, Queue.Closure, Queue.Overdue, Queue.Open, Queue.Closed, Queue.All],
        _ => [],
    };

    /// <summary>Checks a search; <paramref name="fields"/> collects what is wrong with it, each field by its name.</summary>
    public TicketSearch Check(TicketSearchRequest request, ClaimsPrincipal user, Fields fields)
    {
        var queue = fields.Choice<Queue>(request.Queue, "queue", required: false);
        var status = fields.Choice<TicketStatus>(request.State, "state", required: false);
        var light = fields.Choice<WarningLight>(request.Light, "light", required: false);
        var urgency = fields.Choice<Urgency>(request.Urgency, "urgency", required: false);
        var channel = fields.Choice<Channel>(request.Channel, "channel", required: false);
        var sort = fields.Choice<QueueSort>(request.Sort, "sort", required: false) ?? QueueSort.Deadline;
        var category = fields.Text(request.Category, "category", 64, required: false);
        if (category is not null && reference.FindMatter(category) is null)
            fields.Add("category", $"there is no matter {category}.");
        var place = fields.Text(request.Place, "place", 64, required: false);
        if (place is not null && reference.FindUnit(place) is null)
            fields.Add("place", $"there is no place {place}.");
        var holder = fields.Text(request.Holder, "holder", 64, required: false);
        if (holder is not null && reference.FindUnit(holder) is null && reference.FindDepartment(holder) is null)
            fields.Add("holder", $"there is no unit or department {holder}.");
        var unit = fields.Text(request.Unit, "unit", 64, required: false);
        if (unit is not null && reference.FindUnit(unit) is null)
            fields.Add("unit", $"there is no unit {unit}.");
        bool? missed = request.Missed switch
        {
            null or "" => null,
            "true" => true,
            "false" => false,
            _ => Invalid(fields, "missed", "must be true or false."),
        };
        var q = fields.Text(request.Q, "q", MaxQuery, required: false);
        var phone = fields.Text(request.Phone, "phone", 32, required: false);
        if (phone is not null && !Access.SeesCitizen(user))
            fields.Add("phone", "this role sees no caller's phone, so it cannot search by one.");
        var number = fields.Text(request.Number, "number", 32, required: false)?.ToUpperInvariant();
        var from = Day(request.From, "from", fields);
        var to = Day(request.To, "to", fields);
        if (from is { } f && to is { } t && t < f)
            fields.Add("to", "must not be before from.");
        var cursor = Cursor.Read(request.Cursor, sort, fields);
        return new TicketSearch(queue, status, light, urgency, channel, category, place, holder, missed, q, phone, number, from, to, sort, cursor, unit);
    }

    /// <summary>One page of the search, of at most <paramref name="pageSize"/> rows, and the total matching it.</summary>
    /// <param name="skip">Rows to skip before the page (the API's numbered pages); a cursor is the stable way on.</param>
    public async Task<QueuePage> PageAsync(IQuerySession session, ClaimsPrincipal user, TicketSearch search, int pageSize, CancellationToken ct, int skip = 0)
    {
        var query = await FilterAsync(session, user, search, ct);
        var total = await query.CountAsync(ct);
        var sortKey = SortKey(user, search);
        if (search.Cursor is { } after)
        {
            query = search.Sort == QueueSort.Newest
                ? query.Where(t => t.MatchesSql($"({Reported}, d.id) < (?::timestamptz, ?::uuid)", after.Reported, after.Id))
                : search.Sort == QueueSort.Oldest
                ? query.Where(t => t.MatchesSql($"({Reported}, d.id) > (?::timestamptz, ?::uuid)", after.Reported, after.Id))
                : query.Where(t => t.MatchesSql($"({sortKey}, {Reported}, d.id) > (?::timestamptz, ?::timestamptz, ?::uuid)", after.Deadline!, after.Reported, after.Id));
        }
        query = search.Sort switch
        {
            QueueSort.Newest => query.OrderBySql($"{Reported} desc").ThenBySql("d.id desc"),
            QueueSort.Oldest => query.OrderBySql(Reported).ThenBySql("d.id"),
            _ => query.OrderBySql(sortKey).ThenBySql(Reported).ThenBySql("d.id"),
        };
        var rows = await (skip > 0 ? query.Skip(skip) : query).Take(pageSize + 1).ToListAsync(ct);
        var page = rows.Take(pageSize).ToList();
        var next = rows.Count > pageSize ? Cursor.After(page[^1], search.Sort, OwnReportIn(user, search)).Encode() : null;
        return new QueuePage(page, total, next);
    }

    /// <summary>How many tickets wait in each of the role's queues, within the unit (or all the caller sees).</summary>
    public async Task<IReadOnlyList<QueueCount>> CountsAsync(IQuerySession session, ClaimsPrincipal user, string? unit, CancellationToken ct)
    {
        var counts = new List<QueueCount>();
        foreach (var queue in For(EscalationClaims.RoleOf(user)))
        {
            var query = await FilterAsync(session, user, TicketSearch.Of(queue, unit), ct);
            counts.Add(new QueueCount(queue, await query.CountAsync(ct)));
        }
        return counts;
    }

    /// <summary>The caller's earlier tickets from the same phone (repeat calls), newest first; none for roles that see no phone.</summary>
    public async Task<IReadOnlyList<TicketView>> SamePhoneAsync(IQuerySession session, ClaimsPrincipal user, TicketView ticket, string? phone, CancellationToken ct)
    {
        if (phone is null || !Access.SeesCitizen(user))
            return [];
        var search = TicketSearch.Of(Queue.All, null) with { Phone = phone, Sort = QueueSort.Newest };
        var query = (await FilterAsync(session, user, search, ct)).Where(t => t.Id != ticket.Id);
        return await query.OrderByDescending(t => t.ReportedAt).Take(20).ToListAsync(ct);
    }

    private static IQueryable<TicketView> Mine(IQueryable<TicketView> query, string userId) =>
        query.Where(t => t.HandlerUserId == userId && Ticket.OpenStates.Contains(t.Status));

    private async Task<IQueryable<TicketView>> FilterAsync(IQuerySession session, ClaimsPrincipal user, TicketSearch search, CancellationToken ct)
    {
        var query = Access.Visible(session, user, search.Unit, reference);
        query = search.Queue switch
        {
            Queue.Triage => query.Where(t => t.Status == TicketStatus.Reported),
            Queue.Accept => query.Where(t => t.Status == TicketStatus.Dispatched),
            Queue.InHandling => query.Where(t => t.Status == TicketStatus.InHandling),
            Queue.ReportIn when OwnReportIn(user, search) is { } department => query.Where(t => t.AwaitingReportIn.Contains(department)),
            Queue.ReportIn => query.Where(t => t.MatchesSql("jsonb_array_length(d.data -> 'AwaitingReportIn') > 0")),
            Queue.Callback => query.Where(t => t.Status == TicketStatus.Resolved && t.Rating == null),
            Queue.Closure => query.Where(t => t.Status == TicketStatus.Resolved && t.Rating != null),
            Queue.Overdue => query.Where(t => t.Light == WarningLight.Red),
            Queue.Open => query.Where(t => Ticket.OpenStates.Contains(t.Status)),
            Queue.Closed => query.Where(t => !Ticket.OpenStates.Contains(t.Status)),
            Queue.Mine => Mine(query, EscalationClaims.ActorOf(user).UserId),
            _ => query,
        };
        if (search.State is { } state)
            query = query.Where(t => t.Status == state);
        if (search.Light is { } light)
            query = query.Where(t => t.Light == light);
        if (search.Urgency is { } urgency)
            query = query.Where(t => t.Urgency == urgency);
        if (search.Channel is { } channel)
            query = query.Where(t => t.Channel == channel);
        if (search.Category is { } category)
            query = query.Where(t => t.CategoryCode == category);
        if (search.Holder is { } holder)
            query = query.Where(t => t.Holder == holder);
        if (search.Missed is { } missed)
            query = missed ? query.Where(t => t.MissedDeadlines > 0) : query.Where(t => t.MissedDeadlines == 0);
        if (search.Place is { } place)
        {
            if (reference.FindUnit(place)?.Kind == UnitKind.Grid)
                query = query.Where(t => t.GridCode == place);
            else
            {
                var villages = reference.UnitsWithin(place).Where(u => u.Tier == Tier.Village).Select(u => u.Code).ToArray();
                query = query.Where(t => villages.Contains(t.VillageCode));
            }
        }
        if (search.Number is { } number)
            query = query.Where(t => t.Number == number);
        if (search.Q is { } q)
        {
            // Chinese has no spaces between words: a substring of the description or address (the trigram indexes serve it).
            var asNumber = q.ToUpperInvariant();
            query = query.Where(t => t.Number == asNumber || t.Description.Contains(q) || (t.Address != null && t.Address.Contains(q)));
        }
        if (search.From is { } from)
        {
            var start = ChinaMidnight(from);
            query = query.Where(t => t.ReportedAt >= start);
        }
        if (search.To is { } to)
        {
            var end = ChinaMidnight(to.AddDays(1));
            query = query.Where(t => t.ReportedAt < end);
        }
        if (search.Phone is { } phone)
        {
            var ids = (await session.Query<CitizenContact>().Where(c => c.Phone == phone).Select(c => c.Id).ToListAsync(ct)).ToArray();
            query = query.Where(t => ids.Contains(t.Id));
        }
        return query;
    }

    /// <summary>A department's 待报到 queue runs by its own clock to report in, not by the ticket's nearest deadline.</summary>
    private string SortKey(ClaimsPrincipal user, TicketSearch search) => OwnReportIn(user, search) is { } department
        ? "coalesce((select min((c ->> 'Deadline')::timestamptz) from jsonb_array_elements(d.data -> 'Clocks') c " +
          $"where c ->> 'Clock' = 'ReportIn' and (c ->> 'Running')::boolean and c ->> 'Holder' = '{department}'), 'infinity')"
        : NextDeadline;

    /// <summary>The department whose own report-in clock sorts the queue: the caller's, in the 待报到 queue (a code of the reference data, never the request's text).</summary>
    private string? OwnReportIn(ClaimsPrincipal user, TicketSearch search) =>
        search.Queue == Queue.ReportIn && EscalationClaims.RoleOf(user) == Role.Department
        && reference.FindDepartment(EscalationClaims.ActorOf(user).UnitCode) is { } department ? department.Code : null;

    private static DateTimeOffset ChinaMidnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), BusinessCalendar.ChinaOffset);

    private static DateOnly? Day(string? value, string field, Fields fields)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return day;
        fields.Add(field, "must be a China day, yyyy-MM-dd.");
        return null;
    }

    private static bool? Invalid(Fields fields, string field, string reason)
    {
        fields.Add(field, reason);
        return null;
    }
}

/// <summary>A checked search: each criterion, when given, narrows the tickets the caller sees.</summary>
public sealed record TicketSearch(
    Queue? Queue, TicketStatus? State, WarningLight? Light, Urgency? Urgency, Channel? Channel, string? Category, string? Place,
    string? Holder, bool? Missed, string? Q, string? Phone, string? Number, DateOnly? From, DateOnly? To, QueueSort Sort,
    Cursor? Cursor, string? Unit)
{
    public static TicketSearch Of(Queue queue, string? unit) =>
        new(queue, null, null, null, null, null, null, null, null, null, null, null, null, null, QueueSort.Deadline, null, unit);
}

/// <summary>
/// Where a page ends: the last row's sort key as the text its document holds (so PostgreSQL reads both the same way),
/// and its id. Opaque to callers: base64url of a small JSON array.
/// </summary>
public sealed record Cursor(QueueSort Sort, string? Deadline, string Reported, Guid Id)
{
    public static Cursor After(TicketView last, QueueSort sort, string? ownReportIn)
    {
        var deadline = ownReportIn is null
            ? last.NextDeadline
            : last.Clocks.Where(c => c.Running && c.Clock == Clock.ReportIn && c.Holder == ownReportIn).Select(c => (DateTimeOffset?)c.Deadline).Min();
        return new Cursor(sort, deadline?.ToString("O", CultureInfo.InvariantCulture) ?? "infinity", last.ReportedAt.ToString("O", CultureInfo.InvariantCulture), last.Id);
    }

    public string Encode() =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new[] { Fields.Name(Sort), Deadline ?? "", Reported, Id.ToString() }))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static Cursor? Read(string? text, QueueSort sort, Fields fields)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (Decode(text) is [var s, var deadline, var reported, var id] && s == Fields.Name(sort) && Guid.TryParse(id, out var guid)
            && DateTimeOffset.TryParse(reported, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            && (deadline is "infinity" or "" || DateTimeOffset.TryParse(deadline, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)))
            return new Cursor(sort, deadline.Length == 0 ? null : deadline, reported, guid);
        fields.Add("cursor", "is not a cursor this search gave (it names another sort, or was changed).");
        return null;
    }

    private static string[]? Decode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        try
        {
            return JsonSerializer.Deserialize<string[]>(Encoding.UTF8.GetString(Convert.FromBase64String(padded)));
        }
        catch (Exception e) when (e is FormatException or JsonException or DecoderFallbackException)
        {
            return null;
        }
    }
}
