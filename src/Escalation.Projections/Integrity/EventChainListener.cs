using JasperFx.Events;
using Marten;
using Npgsql;

namespace Escalation.Projections.Integrity;

/// <summary>
/// Sets the <see cref="EventChain"/> hash on every event a session appends, whatever appends it (intake, commands,
/// merges across two streams, timer handlers): Marten calls it once per SaveChanges, after it has numbered the events
/// of streams whose version it knows and before anything is written.
/// </summary>
public sealed class EventChainListener : DocumentSessionListenerBase
{
    public override async Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var streams = session.PendingChanges.Streams().Where(s => s.Events.Count > 0).ToList();
        if (streams.Count == 0)
            return;

        var heads = await ReadHeadsAsync(session, streams.Where(s => s.ActionType == StreamActionType.Append), token);
        var serializer = session.DocumentStore.Options.Serializer();
        foreach (var stream in streams)
        {
            var (currentVersion, previous) = heads.GetValueOrDefault(stream.Id);
            // An append made without an expected version is numbered by the database. Pinning the version read here
            // makes a concurrent append fail this save instead of leaving two events chained to the same predecessor.
            var unnumbered = stream.ActionType == StreamActionType.Append && stream.Events[0].Version == 0;
            if (unnumbered && currentVersion > 0)
                stream.ExpectedVersionOnServer = currentVersion;

            for (var i = 0; i < stream.Events.Count; i++)
            {
                var e = stream.Events[i];
                var version = unnumbered ? currentVersion + i + 1 : e.Version;
                previous = EventChain.Hash(previous, stream.Id, version, e.EventTypeName, serializer.ToJson(e.Data));
                e.SetHeader(EventChain.HashHeader, previous);
            }
        }
    }

    /// <summary>Each existing stream's version and the hash of its last event, in one round trip.</summary>
    private static async Task<Dictionary<Guid, (long Version, string? Hash)>> ReadHeadsAsync(
        IDocumentSession session, IEnumerable<StreamAction> appends, CancellationToken token)
    {
        var ids = appends.Select(s => s.Id).ToArray();
        var heads = new Dictionary<Guid, (long, string?)>();
        if (ids.Length == 0)
            return heads;

        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        await using var command = session.Connection.CreateCommand();
        command.CommandText =
            $"select s.id, s.version, e.headers ->> '{EventChain.HashHeader}' from {schema}.mt_streams s " +
            $"left join {schema}.mt_events e on e.stream_id = s.id and e.version = s.version where s.id = any($1)";
        command.Parameters.Add(new NpgsqlParameter { Value = ids });
        await using var reader = await command.ExecuteReaderAsync(token);
        while (await reader.ReadAsync(token))
            heads[reader.GetGuid(0)] = (reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        return heads;
    }
}
