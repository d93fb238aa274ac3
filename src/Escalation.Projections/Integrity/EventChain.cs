using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Marten;

namespace Escalation.Projections.Integrity;

/// <summary>An event whose stored hash is not the one its data and its predecessor give, or that is missing.</summary>
/// <param name="Type">The stored event type; null when the event is missing.</param>
/// <param name="Reason"><c>altered</c> (data, type or hash changed) or <c>missing</c> (a version is gone).</param>
public sealed record ChainMismatch(long Version, string? Type, string? ExpectedHash, string? StoredHash, string Reason);

public sealed record ChainVerification(bool Valid, int Events, ChainMismatch? FirstMismatch);

/// <summary>
/// The tamper evidence of a case: each event's <c>hash</c> header is SHA-256 over the previous event's hash, the
/// stream id, the version, the event type name and the canonical JSON of the data. Changing, removing or reordering
/// a stored event breaks the chain from that event on.
/// </summary>
public static class EventChain
{
    public const string HashHeader = "hash";

    private static readonly JsonWriterOptions CanonicalWriting = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Hash(string? previousHash, Guid streamId, long version, string eventType, string json)
    {
        var text = string.Join('\n', previousHash ?? "", streamId.ToString("D"), version.ToString(CultureInfo.InvariantCulture), eventType, Canonical(json));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

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
        // The stream row keeps the version of its last event, so a deleted tail shows too.
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        await using var command = session.Connection.CreateCommand();
        command.CommandText =
            $"select e.version, e.type, e.data::text, e.headers ->> '{HashHeader}', s.version from {schema}.mt_streams s " +
            $"left join {schema}.mt_events e on e.stream_id = s.id where s.id = $1 order by e.version";
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = streamId });
        await using var reader = await command.ExecuteReaderAsync(ct);

        string? previous = null;
        var expectedVersion = 1L;
        var streamVersion = 0L;
        var events = 0;
        ChainMismatch? mismatch = null;
        while (await reader.ReadAsync(ct))
        {
            streamVersion = reader.GetInt64(4);
            if (reader.IsDBNull(0))
                continue;
            events++;
            if (mismatch is not null)
                continue;
            var version = reader.GetInt64(0);
            var type = reader.GetString(1);
            if (version != expectedVersion)
            {
                mismatch = new ChainMismatch(expectedVersion, null, null, null, "missing");
                continue;
            }
            var expected = Hash(previous, streamId, version, type, reader.GetString(2));
            var stored = reader.IsDBNull(3) ? null : reader.GetString(3);
            if (expected != stored)
                mismatch = new ChainMismatch(version, type, expected, stored, "altered");
            previous = expected;
            expectedVersion++;
        }
        if (mismatch is null && streamVersion >= expectedVersion)
            mismatch = new ChainMismatch(expectedVersion, null, null, null, "missing");
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
