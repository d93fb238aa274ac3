using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Marten;

namespace Escalation.Projections.Integrity;

/// <summary>The first place where a case's stored events are not what its hash chain says they were.</summary>
/// <param name="Version">The event's version; 0 when the stream's own row is at fault.</param>
/// <param name="Type">The stored event type; null when the event is missing or the stream's row is at fault.</param>
/// <param name="Reason">
/// <c>altered</c> (data, type, time, format or hash changed), <c>missing</c> (a version is gone), <c>archived</c> (the
/// event was archived, which hides it from history and state), <c>beyond-stream</c> (the stream's version was lowered
/// below this event's), <c>stream-archived</c> or <c>no-stream</c> (the stream's row was archived or deleted).
/// </param>
public sealed record ChainMismatch(long Version, string? Type, string? ExpectedHash, string? StoredHash, string Reason);

public sealed record ChainVerification(bool Valid, int Events, ChainMismatch? FirstMismatch);

/// <summary>The reasons a <see cref="ChainMismatch"/> gives.</summary>
public static class ChainReasons
{
    public const string Altered = "altered";
    public const string Missing = "missing";
    public const string Archived = "archived";
    public const string BeyondStream = "beyond-stream";
    public const string StreamArchived = "stream-archived";
    public const string NoStream = "no-stream";

    public static IReadOnlyList<string> All { get; } = [Altered, Missing, Archived, BeyondStream, StreamArchived, NoStream];
}

/// <summary>
/// The tamper evidence of a case: each event's <c>hash</c> header is SHA-256 over the previous event's hash and the
/// event as stored. Changing, removing, reordering or archiving a stored event breaks the chain from that event on.
/// <para>
/// Format 2 (the <c>hash_format</c> header, set on every event appended now) covers the format itself, the previous
/// hash, the stream id, the version, the event type name, the recorded time (to the microsecond PostgreSQL keeps), the
/// archived flag and the canonical JSON of the data. Format 1 (no header: events appended before format 2) covers the
/// previous hash, stream id, version, type and data; they keep verifying as they were written, and a stream's format
/// never goes back from 2 to 1, so stripping the header from a later event shows.
/// </para>
/// </summary>
public static class EventChain
{
    public const string HashHeader = "hash";
    public const string FormatHeader = "hash_format";
    public const int CurrentFormat = 2;

    private static readonly JsonWriterOptions CanonicalWriting = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Format 1, as events appended before format 2 were hashed.</summary>
    public static string Hash(string? previousHash, Guid streamId, long version, string eventType, string json) =>
        Sha256(string.Join('\n', previousHash ?? "", streamId.ToString("D"), version.ToString(CultureInfo.InvariantCulture), eventType, Canonical(json)));

    /// <summary>Format 2: also the format, the recorded time and the archived flag.</summary>
    public static string Hash(string? previousHash, Guid streamId, long version, string eventType, DateTimeOffset timestamp, bool archived, string json) =>
        Sha256(string.Join('\n', "2", previousHash ?? "", streamId.ToString("D"), version.ToString(CultureInfo.InvariantCulture), eventType,
            Instant(timestamp), archived ? "archived" : "live", Canonical(json)));

    /// <summary>The hash of a stored event in the format its <see cref="FormatHeader"/> names; null for a format this code does not know.</summary>
    public static string? Hash(int format, string? previousHash, Guid streamId, long version, string eventType, DateTimeOffset timestamp, bool archived, string json) =>
        format switch
        {
            1 => Hash(previousHash, streamId, version, eventType, json),
            2 => Hash(previousHash, streamId, version, eventType, timestamp, archived, json),
            _ => null,
        };

    /// <summary>The format a stored <see cref="FormatHeader"/> value names: none is format 1; anything unreadable is 0.</summary>
    public static int FormatOf(string? header) =>
        header is null ? 1 : int.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var format) ? format : 0;

    /// <summary>The time as PostgreSQL stores a timestamptz: UTC, to the microsecond.</summary>
    public static DateTimeOffset Stored(DateTimeOffset timestamp)
    {
        var utc = timestamp.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % 10));
    }

    private static string Instant(DateTimeOffset timestamp) =>
        Stored(timestamp).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// The JSON rewritten with keys sorted (ordinal) and no whitespace. PostgreSQL's jsonb reorders keys, adds spaces and
    /// drops a number's exponent form, so the data as serialized and the data as stored give the same bytes.
    /// </summary>
    public static string Canonical(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, CanonicalWriting))
            Write(document.RootElement, writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Recomputes the chain of one stream from the rows PostgreSQL holds, not from anything Marten caches.</summary>
    public static async Task<ChainVerification> VerifyAsync(IQuerySession session, Guid streamId, CancellationToken ct)
    {
        // The stream's row keeps the version of its last event, so a deleted tail shows too; the outer row is there
        // even when the stream's row is not.
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        await using var command = session.Connection.CreateCommand();
        command.CommandText =
            $"select s.version, s.is_archived, e.version, e.type, e.data::text, e.headers ->> '{HashHeader}', e.headers ->> '{FormatHeader}', " +
            $"e.timestamp, e.is_archived from (select $1::uuid as id) wanted " +
            $"left join {schema}.mt_streams s on s.id = wanted.id left join {schema}.mt_events e on e.stream_id = wanted.id order by e.version";
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = streamId });
        await using var reader = await command.ExecuteReaderAsync(ct);

        string? previous = null;
        var previousFormat = 1;
        var expectedVersion = 1L;
        long? streamVersion = null;
        var streamArchived = false;
        var events = 0;
        ChainMismatch? mismatch = null;
        while (await reader.ReadAsync(ct))
        {
            if (!reader.IsDBNull(0))
            {
                streamVersion = reader.GetInt64(0);
                streamArchived = reader.GetBoolean(1);
            }
            if (reader.IsDBNull(2))
                continue;
            events++;
            if (mismatch is not null)
                continue;
            var version = reader.GetInt64(2);
            var type = reader.GetString(3);
            if (version != expectedVersion)
            {
                mismatch = new ChainMismatch(expectedVersion, null, null, null, ChainReasons.Missing);
                continue;
            }
            var stored = reader.IsDBNull(5) ? null : reader.GetString(5);
            var format = FormatOf(reader.IsDBNull(6) ? null : reader.GetString(6));
            var archived = reader.GetBoolean(8);
            var expected = format < previousFormat ? null
                : Hash(format, previous, streamId, version, type, reader.GetFieldValue<DateTimeOffset>(7), archived, reader.GetString(4));
            if (archived)
                mismatch = new ChainMismatch(version, type, expected, stored, ChainReasons.Archived);
            else if (expected is null || expected != stored)
                mismatch = new ChainMismatch(version, type, expected, stored, ChainReasons.Altered);
            previous = expected;
            previousFormat = format;
            expectedVersion++;
        }
        mismatch ??= streamVersion switch
        {
            null => new ChainMismatch(0, null, null, null, ChainReasons.NoStream),
            { } row when row >= expectedVersion => new ChainMismatch(expectedVersion, null, null, null, ChainReasons.Missing),
            { } row when row < expectedVersion - 1 => new ChainMismatch(row + 1, null, null, null, ChainReasons.BeyondStream),
            _ when streamArchived => new ChainMismatch(0, null, null, null, ChainReasons.StreamArchived),
            _ => null,
        };
        return new ChainVerification(mismatch is null, events, mismatch);
    }

    private static void Write(JsonElement element, Utf8JsonWriter writer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(property.Value, writer);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                    Write(item, writer);
                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            case JsonValueKind.Number when element.TryGetDecimal(out var number):
                writer.WriteRawValue(number.ToString(CultureInfo.InvariantCulture));
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
