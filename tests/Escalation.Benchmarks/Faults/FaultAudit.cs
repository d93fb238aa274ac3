using System.Text.Json;
using Npgsql;

namespace Escalation.Benchmarks.Faults;

/// <summary>What the client did to one ticket, and which of its requests were acknowledged (2xx).</summary>
public sealed class TicketRecord(int number, string key, bool accept)
{
    public int Number { get; } = number;
    public string Key { get; } = key;
    /// <summary>Accepted at once (its accept clock stops); otherwise left untouched after the triage, for the timers alone.</summary>
    public bool Accept { get; } = accept;
    public Guid? Id { get; set; }
    public bool TriageSent { get; set; }
    public bool TriageAcknowledged { get; set; }
    public bool AcceptSent { get; set; }
    public bool AcceptAcknowledged { get; set; }
}

/// <summary>A time limit a ticket ran (<c>TimeLimitStarted</c>) and the warning lights lit for it.</summary>
public sealed record LimitRecord(Guid Ticket, string Clock, string Holder, DateTimeOffset YellowAt, DateTimeOffset Deadline, string? Whistle)
{
    /// <summary>When a user's event after it stopped the clock (null: it ran until the audit, or until a timer moved the ticket on).</summary>
    public DateTimeOffset? StoppedAt { get; init; }
    public List<LightRecord> Lights { get; } = [];

    /// <summary>The two timers each limit schedules, by the light each is for.</summary>
    public static readonly string[] Timers = ["Yellow", "Red"];

    public DateTimeOffset DueOf(string light) => light == "Red" ? Deadline : YellowAt;

    /// <summary>
    /// When the light's timer had taken effect: at its own light, or a yellow's at the red if that came first (a
    /// yellow run once its deadline has passed lights red, and one run after the red lights nothing). Null: neither.
    /// </summary>
    public DateTimeOffset? TookEffectAt(string light) =>
        Lights.Where(l => l.Light == light || (light == "Yellow" && l.Light == "Red")).Select(l => (DateTimeOffset?)l.At).Min();
}

public sealed record LightRecord(string Light, DateTimeOffset At, DateTimeOffset Due)
{
    public double LatenessMs => (At - Due).TotalMilliseconds;
}

/// <summary>
/// Reads every event the store holds and checks them against what the client was told: each acknowledged ticket
/// and command present exactly once, nothing opened twice by a retry, every timer due before the audit fired exactly
/// once (one light per limit and light), and no dead letter.
/// </summary>
public sealed class FaultAudit
{
    private const string System = "system";

    public List<string> Failures { get; } = [];
    public List<LimitRecord> Limits { get; } = [];
    public int TicketsAcknowledged { get; private set; }
    public int TicketsFound { get; private set; }
    public int TicketsOpenedUnacknowledged { get; private set; }
    public int CommandsAcknowledged { get; private set; }
    public int CommandsFound { get; private set; }
    public int TimersDue { get; private set; }
    public int TimersFiredOfDue { get; private set; }
    public int TimersAmbiguous { get; private set; }

    /// <summary>
    /// Yellow timers that lit no yellow because their limit's red was lit, by them once the deadline had passed or
    /// before them: counted as fired.
    /// </summary>
    public int YellowsOvertakenByRed { get; private set; }
    public int DuplicateLights { get; private set; }
    public long DeadLetters { get; private set; }
    public long Events { get; private set; }

    public IEnumerable<LightRecord> Lights => Limits.SelectMany(l => l.Lights);

    /// <summary>Each timer that had taken effect (<see cref="LimitRecord.TookEffectAt"/>), at that time.</summary>
    public IEnumerable<LightRecord> TimersTakenEffect => Limits.SelectMany(limit => LimitRecord.Timers
        .Select(light => limit.TookEffectAt(light) is { } at ? new LightRecord(light, at, limit.DueOf(light)) : null)
        .OfType<LightRecord>());

    public static async Task<FaultAudit> RunAsync(string connectionString, IReadOnlyList<TicketRecord> tickets, DateTimeOffset dueBefore)
    {
        var audit = new FaultAudit();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var streams = await ReadStreamsAsync(connection);
        audit.Events = streams.Values.Sum(s => s.Count);
        // The county's own stream (its reference data) is no ticket.
        foreach (var county in streams.Where(s => s.Value.All(e => e.Type.StartsWith("county_", StringComparison.Ordinal))).Select(s => s.Key).ToList())
            streams.Remove(county);
        audit.CheckTickets(streams, tickets, await DescriptionsAsync(connection));
        audit.CheckTimers(streams, dueBefore);
        audit.DeadLetters = await DeadLettersAsync(connection);
        if (audit.DeadLetters > 0)
            audit.Failures.Add($"{audit.DeadLetters} dead letter(s) in wolverine_dead_letters: {await DeadLetterSampleAsync(connection)}");
        return audit;
    }

    private sealed record StoredEvent(long Version, string Type, string By, DateTimeOffset At, JsonElement Data);

    private static async Task<Dictionary<Guid, List<StoredEvent>>> ReadStreamsAsync(NpgsqlConnection connection)
    {
        var streams = new Dictionary<Guid, List<StoredEvent>>();
        await using var command = new NpgsqlCommand(
            "select stream_id, version, type, data::text from escalation.mt_events where type <> 'tombstone' order by stream_id, version", connection) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var data = JsonDocument.Parse(reader.GetString(3)).RootElement.Clone();
            var by = Property(data, "By") is { ValueKind: JsonValueKind.Object } actor ? Property(actor, "UserId")?.GetString() ?? "" : "";
            var at = Property(data, "At")?.GetDateTimeOffset() ?? default;
            var id = reader.GetGuid(0);
            if (!streams.TryGetValue(id, out var events))
                streams[id] = events = [];
            events.Add(new StoredEvent(reader.GetInt64(1), reader.GetString(2), by, at, data));
        }
        return streams;
    }

    /// <summary>The citizen's descriptions, which the service keeps beside the events (the privacy of what citizens write), by ticket.</summary>
    private static async Task<Dictionary<Guid, string>> DescriptionsAsync(NpgsqlConnection connection)
    {
        var descriptions = new Dictionary<Guid, string>();
        await using var command = new NpgsqlCommand(
            "select (data->>'TicketId')::uuid, data->'Fields'->>'Description' from escalation.mt_doc_citizentext where data->'Fields' ? 'Description'",
            connection) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            descriptions[reader.GetGuid(0)] = reader.GetString(1);
        return descriptions;
    }

    private void CheckTickets(Dictionary<Guid, List<StoredEvent>> streams, IReadOnlyList<TicketRecord> tickets, Dictionary<Guid, string> descriptions)
    {
        var byKey = tickets.ToDictionary(t => t.Key);
        var streamsByKey = new Dictionary<string, List<Guid>>();
        foreach (var (id, events) in streams)
        {
            var reported = events.Where(e => e.Type == "ticket_reported").ToList();
            if (reported.Count != 1)
            {
                Failures.Add($"ticket {id} has {reported.Count} TicketReported events (its events: {string.Join(", ", events.Select(e => e.Type))})");
                continue;
            }
            var description = Property(reported[0].Data, "Description")?.GetString() ?? descriptions.GetValueOrDefault(id) ?? "";
            var key = description.Split(' ')[^1];
            if (!byKey.ContainsKey(key))
            {
                Failures.Add($"ticket {id} was opened by no request of the client ('{description}')");
                continue;
            }
            if (!streamsByKey.TryGetValue(key, out var list))
                streamsByKey[key] = list = [];
            list.Add(id);
        }

        foreach (var ticket in tickets)
        {
            var found = streamsByKey.GetValueOrDefault(ticket.Key) ?? [];
            if (found.Count > 1)
                Failures.Add($"ticket #{ticket.Number} (Idempotency-Key {ticket.Key}) was opened {found.Count} times: {string.Join(", ", found)}");
            if (ticket.Id is { } id)
            {
                TicketsAcknowledged++;
                if (!found.Contains(id))
                    Failures.Add($"ticket #{ticket.Number} {id} was acknowledged (201) but is not in the store");
                else
                    TicketsFound++;
            }
            else if (found.Count == 1)
            {
                TicketsOpenedUnacknowledged++;
            }

            var stream = found.Count == 1 ? streams[found[0]] : [];
            CheckCommand(ticket, stream, "ticket_triaged", "triage", ticket.TriageSent, ticket.TriageAcknowledged);
            CheckCommand(ticket, stream, "ticket_accepted", "accept", ticket.AcceptSent, ticket.AcceptAcknowledged);
        }
    }

    private void CheckCommand(TicketRecord ticket, List<StoredEvent> stream, string type, string name, bool sent, bool acknowledged)
    {
        var count = stream.Count(e => e.Type == type && e.By != System);
        if (acknowledged)
        {
            CommandsAcknowledged++;
            if (count == 1)
                CommandsFound++;
        }
        if (acknowledged ? count != 1 : count > (sent ? 1 : 0))
            Failures.Add($"ticket #{ticket.Number} {ticket.Id}: {name} was {(acknowledged ? "acknowledged" : sent ? "sent, unacknowledged" : "never sent")}, and the store has {count} {type} event(s)");
    }

    private void CheckTimers(Dictionary<Guid, List<StoredEvent>> streams, DateTimeOffset dueBefore)
    {
        foreach (var (id, events) in streams)
        {
            var limits = new List<(int Index, LimitRecord Limit)>();
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                if (e.Type != "time_limit_started")
                    continue;
                var stopper = events.Skip(i + 1).FirstOrDefault(later => later.By != System && later.Type is not ("time_limit_started" or "warning_light_lit"));
                limits.Add((i, new LimitRecord(id, Text(e.Data, "Clock"), Text(e.Data, "Holder"), Time(e.Data, "YellowAt"), Time(e.Data, "Deadline"), WhistleOf(e.Data))
                {
                    StoppedAt = stopper?.At,
                }));
            }
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                if (e.Type != "warning_light_lit")
                    continue;
                var (clock, holder, deadline, whistle) = (Text(e.Data, "Clock"), Text(e.Data, "Holder"), Time(e.Data, "Deadline"), WhistleOf(e.Data));
                var match = limits.LastOrDefault(l => l.Index < i && l.Limit.Clock == clock && l.Limit.Holder == holder && l.Limit.Deadline == deadline && l.Limit.Whistle == whistle);
                if (match.Limit is null)
                {
                    Failures.Add($"ticket {id} v{e.Version}: a {Text(e.Data, "Light")} light for a limit it never started ({clock}, {holder}, {deadline:O})");
                    continue;
                }
                var light = Text(e.Data, "Light");
                match.Limit.Lights.Add(new LightRecord(light, e.At, match.Limit.DueOf(light)));
            }
            Limits.AddRange(limits.Select(l => l.Limit));
        }

        foreach (var limit in Limits)
        {
            foreach (var light in LimitRecord.Timers)
            {
                var lit = limit.Lights.Count(l => l.Light == light);
                var due = limit.DueOf(light);
                if (lit > 1)
                {
                    DuplicateLights += lit - 1;
                    Failures.Add($"ticket {limit.Ticket}: the {light} light of its {limit.Clock} limit ({limit.Holder}, due {due:O}) was lit {lit} times");
                }
                if (limit.StoppedAt is { } stopped && due >= stopped)
                {
                    if (lit > 0)
                        Failures.Add($"ticket {limit.Ticket}: the {light} light of its {limit.Clock} limit was lit though a user stopped the clock before it was due");
                    continue;
                }
                if (limit.StoppedAt is not null)
                {
                    // Due before a user stopped the clock: the timer and the user raced, and either may have won.
                    TimersAmbiguous++;
                    continue;
                }
                if (due > dueBefore)
                    continue;
                TimersDue++;
                if (lit > 0)
                    TimersFiredOfDue++;
                else if (limit.TookEffectAt(light) is not null)
                {
                    // The yellow's timer came late (after a crash, retried through an outage, or fired by the watchdog):
                    // once the deadline has passed it lights red itself, and after the red it rightly lights nothing.
                    YellowsOvertakenByRed++;
                    TimersFiredOfDue++;
                }
                else
                    Failures.Add($"ticket {limit.Ticket}: the {light} timer of its {limit.Clock} limit ({limit.Holder}), due {due:O}, never fired");
            }
        }
    }

    private static async Task<long> DeadLettersAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("select count(*) from escalation.wolverine_dead_letters", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string> DeadLetterSampleAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "select message_type || ': ' || coalesce(exception_type, '') || ' ' || left(coalesce(exception_message, ''), 200) from escalation.wolverine_dead_letters limit 3",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var samples = new List<string>();
        while (await reader.ReadAsync())
            samples.Add(reader.GetString(0));
        return string.Join(" | ", samples);
    }

    private static JsonElement? Property(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                return property.Value;
        }
        return null;
    }

    private static string Text(JsonElement data, string name) => Property(data, name)?.ToString() ?? "";

    private static DateTimeOffset Time(JsonElement data, string name) => Property(data, name)?.GetDateTimeOffset() ?? default;

    private static string? WhistleOf(JsonElement data) =>
        Property(data, "WhistleId") is { ValueKind: JsonValueKind.String } whistle ? whistle.GetString() : null;
}
