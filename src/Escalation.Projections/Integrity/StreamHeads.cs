using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Marten;

namespace Escalation.Projections.Integrity;

/// <summary>Where a stream stood: its last event's version and hash.</summary>
public sealed record StreamHead(Guid Stream, long Version, string Hash);

/// <summary>The county's stream heads as of an event sequence number, and the Merkle root that sums them up.</summary>
/// <param name="Through">The last event sequence number the heads cover.</param>
public sealed record HeadsDigest(long Through, int Streams, string Root);

/// <summary>
/// The heads of every stream, summed up in one Merkle root: written outside the database each day, they let a later
/// check tell whether any event the digest covered was changed since, even by someone who rewrote every hash.
/// </summary>
public static class StreamHeads
{
    /// <summary>
    /// The Merkle root over the heads sorted by stream id (its "D" text, ordinal): each leaf is SHA-256 over the byte 0
    /// and "id\nversion\nhash", each node SHA-256 over the byte 1 and its two children; a last node without a sibling
    /// goes up a level as it is. No streams: SHA-256 of nothing.
    /// </summary>
    public static string Root(IEnumerable<StreamHead> heads)
    {
        var level = heads
            .Select(h => (Id: h.Stream.ToString("D"), h.Version, h.Hash))
            .OrderBy(h => h.Id, StringComparer.Ordinal)
            .Select(h => Node(0, Encoding.UTF8.GetBytes($"{h.Id}\n{h.Version.ToString(CultureInfo.InvariantCulture)}\n{h.Hash}")))
            .ToList();
        if (level.Count == 0)
            return Convert.ToHexStringLower(SHA256.HashData([]));
        while (level.Count > 1)
        {
            var up = new List<byte[]>((level.Count + 1) / 2);
            for (var i = 0; i < level.Count; i += 2)
                up.Add(i + 1 < level.Count ? Node(1, [.. level[i], .. level[i + 1]]) : level[i]);
            level = up;
        }
        return Convert.ToHexStringLower(level[0]);
    }

    /// <summary>
    /// The heads as the database holds them now, as of the async daemon's high-water mark: every event at or below it
    /// is committed, so no append still in flight can later land below what the digest covers.
    /// </summary>
    public static async Task<HeadsDigest> StoredAsync(IQuerySession session, CancellationToken ct)
    {
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        await using var command = session.Connection.CreateCommand();
        command.CommandText =
            $"with mark as (select coalesce(max(last_seq_id), 0) as through from {schema}.mt_event_progression where name = 'HighWaterMark') " +
            $"select mark.through, head.stream_id, head.version, head.hash from mark left join lateral (" +
            $"select distinct on (e.stream_id) e.stream_id, e.version, e.headers ->> '{EventChain.HashHeader}' as hash " +
            $"from {schema}.mt_events e where e.seq_id <= mark.through order by e.stream_id, e.version desc) head on true";
        await using var reader = await command.ExecuteReaderAsync(ct);
        var through = 0L;
        var heads = new List<StreamHead>();
        while (await reader.ReadAsync(ct))
        {
            through = reader.GetInt64(0);
            if (!reader.IsDBNull(1))
                heads.Add(new StreamHead(reader.GetGuid(1), reader.GetInt64(2), reader.IsDBNull(3) ? "" : reader.GetString(3)));
        }
        return new HeadsDigest(through, heads.Count, Root(heads));
    }

    /// <summary>
    /// Recomputes every stream's chain from the events' data, in the order they were appended, and gives the heads as
    /// of each of <paramref name="throughs"/> (ascending) to <paramref name="check"/>, until it answers false. The stored
    /// hashes are not trusted: an event changed since a digest changes the heads as of that digest, whatever its hash says.
    /// </summary>
    public static async Task ReplayAsync(IQuerySession session, IReadOnlyList<long> throughs, Func<int, HeadsDigest, bool> check, CancellationToken ct)
    {
        if (throughs.Count == 0)
            return;
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        await using var command = session.Connection.CreateCommand();
        command.CommandText =
            $"select seq_id, stream_id, version, type, data::text, headers ->> '{EventChain.FormatHeader}', timestamp, is_archived " +
            $"from {schema}.mt_events where seq_id <= $1 order by seq_id";
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = throughs[^1] });
        await using var reader = await command.ExecuteReaderAsync(ct);

        var heads = new Dictionary<Guid, StreamHead>();
        var next = 0;
        bool Reached(long sequence)
        {
            for (; next < throughs.Count && throughs[next] < sequence; next++)
                if (!check(next, new HeadsDigest(throughs[next], heads.Count, Root(heads.Values))))
                    return false;
            return true;
        }

        while (await reader.ReadAsync(ct))
        {
            if (!Reached(reader.GetInt64(0)))
                return;
            var stream = reader.GetGuid(1);
            var version = reader.GetInt64(2);
            var format = EventChain.FormatOf(reader.IsDBNull(5) ? null : reader.GetString(5));
            var hash = EventChain.Hash(format, heads.GetValueOrDefault(stream)?.Hash, stream, version, reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(6), reader.GetBoolean(7), reader.GetString(4));
            heads[stream] = new StreamHead(stream, version, hash ?? $"unknown format {format}");
        }
        Reached(long.MaxValue);
    }

    private static byte[] Node(byte kind, byte[] content) => SHA256.HashData([kind, .. content]);
}
