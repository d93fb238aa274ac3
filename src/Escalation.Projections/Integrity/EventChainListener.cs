using Marten;
using Npgsql;
using NpgsqlTypes;

namespace Escalation.Projections.Integrity;

/// <summary>
/// Sets the <see cref="EventChain"/> hash on every event a session appends, whatever appends it (intake, commands,
/// merges across two streams, timer handlers): Marten calls it once per SaveChanges, after it has numbered the events
/// and before anything is written. Two appends racing on one stream get the same version numbers, and the database
/// lets only one of them in, so no two events ever chain to the same predecessor.
/// </summary>
public sealed class EventChainListener : DocumentSessionListenerBase
{
    public override async Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var streams = session.PendingChanges.Streams().Where(s => s.Events.Count > 0).ToList();
        if (streams.Count == 0)
            return;
        if (streams.SelectMany(s => s.Events).Any(e => e.Version < 1))
            throw new InvalidOperationException("The hash chain needs every event numbered before it is written: use Marten's Rich append mode.");

        var previousHashes = await ReadHashesAsync(session, streams.Select(s => (s.Id, s.Events[0].Version - 1)).Where(p => p.Item2 > 0), token);
        var serializer = session.DocumentStore.Options.Serializer();
        foreach (var stream in streams)
        {
            var previous = previousHashes.GetValueOrDefault(stream.Id);
            foreach (var e in stream.Events)
            {
                // Marten stamped the event when it was appended; it is cut to the microsecond PostgreSQL keeps before it is hashed and written.
                e.Timestamp = EventChain.Stored(e.Timestamp);
                previous = EventChain.Hash(previous, stream.Id, e.Version, e.EventTypeName, e.Timestamp, archived: false, serializer.ToJson(e.Data));
                e.SetHeader(EventChain.HashHeader, previous);
                e.SetHeader(EventChain.FormatHeader, EventChain.CurrentFormat);
            }
        }
    }

    /// <summary>The stored hash of each (stream, version), in one round trip.</summary>
    private static async Task<Dictionary<Guid, string?>> ReadHashesAsync(
        IDocumentSession session, IEnumerable<(Guid Stream, long Version)> events, CancellationToken token)
    {
        var wanted = events.ToList();
        var hashes = new Dictionary<Guid, string?>();
        if (wanted.Count == 0)
            return hashes;

        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        await using var command = session.Connection.CreateCommand();
        command.CommandText =
            $"select e.stream_id, e.headers ->> '{EventChain.HashHeader}' from {schema}.mt_events e " +
            "join unnest($1, $2) as wanted(stream_id, version) on wanted.stream_id = e.stream_id and wanted.version = e.version";
        command.Parameters.Add(new NpgsqlParameter { Value = wanted.Select(w => w.Stream).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = wanted.Select(w => w.Version).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        await using var reader = await command.ExecuteReaderAsync(token);
        while (await reader.ReadAsync(token))
            hashes[reader.GetGuid(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        return hashes;
    }
}
