using Escalation.Domain;
using Escalation.Domain.Organisation;
using Escalation.Domain.Reference;
using Escalation.Projections;
using JasperFx;
using JasperFx.Events;
using Marten;

namespace Escalation.Host.Organisation;

/// <summary>One entry of the county's history: which version, what changed, who changed it, when and why.</summary>
public sealed record CountyChange(long Version, string Type, DateTimeOffset At, Actor By, string Why, object Data);

/// <summary>What became of an administrator's change to the county.</summary>
public abstract record CountyResult
{
    public sealed record Done(long Version, IReadOnlyList<string> Events) : CountyResult;

    public sealed record Refused(Rejection Rejection, IReadOnlyList<string> Problems) : CountyResult;

    /// <summary>The caller changed the county as it stood at another version (If-Match).</summary>
    public sealed record Stale(long Expected, long Current) : CountyResult;

    /// <summary>Another administrator's change was saved at the same moment: nothing of this one was kept.</summary>
    public sealed record Conflict : CountyResult;
}

/// <summary>
/// The county's own stream: its events, folded into the snapshot in force (<see cref="CountyReference"/>), and the changes
/// administrators append to it. A change is decided on the county as the stream has it, appended at the version it was
/// decided on (a concurrent change is a conflict) and announced to every node in the same transaction (NOTIFY).
/// </summary>
public sealed class CountyStore(IDocumentStore store, CountyReference county, ILogger<CountyStore> logger)
{
    /// <summary>The county's stream: one fixed id, beside the tickets' streams.</summary>
    public static readonly Guid StreamId = new("c0a17e00-0000-4000-8000-00000000c0de");

    /// <summary>The PostgreSQL channel on which a committed change is announced, with the county's new version.</summary>
    public const string Channel = "escalation_county";

    /// <summary>Starts the county's stream with the start-up file when there is none (first start), then reads it.</summary>
    public async Task StartAsync(string file, string source, DateTimeOffset now, CancellationToken ct)
    {
        await using (var session = store.LightweightSession())
        {
            if (await session.Events.FetchStreamStateAsync(StreamId, ct) is null)
            {
                session.Events.StartStream(StreamId, new CountyImported(CountyFile.Minified(file), Actor.System, now, $"first start, from {source}"));
                try
                {
                    await session.SaveChangesAsync(ct);
                }
                catch (Exception e) when (e is ExistingStreamIdCollisionException or ConcurrencyException)
                {
                    // Another node started the stream first: its import is the county.
                }
            }
        }
        await RefreshAsync(ct);
    }

    /// <summary>Reads what the stream holds beyond the snapshot in force and puts the result in force.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var seen = county.Snapshot;
        var state = await session.Events.FetchStreamStateAsync(StreamId, ct);
        if (state is null || state.Version <= seen.Version)
            return;
        var events = await session.Events.FetchStreamAsync(StreamId, fromVersion: seen.Version + 1, token: ct);
        var file = seen.Version == 0 ? CountyFile.Fold(events.Select(e => (ICountyEvent)e.Data)) : events.Aggregate(seen.File, (f, e) => f.With((ICountyEvent)e.Data));
        var version = events.Count == 0 ? seen.Version : events[^1].Version;
        try
        {
            county.Offer(county.Read(version, file));
        }
        catch (ReferenceDataException e)
        {
            // Every change was checked before it was appended; a stream that reads as invalid was written behind the service's back.
            CountyLog.Unreadable(logger, version, string.Join("; ", e.Errors));
        }
    }

    /// <summary>The county as it stood at a version, or after its last change at or before a time; null before its first.</summary>
    public async Task<CountySnapshot?> AtAsync(long? version, DateTimeOffset? asOf, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(StreamId, version: version ?? 0, token: ct);
        var taken = events.Where(e => asOf is null || ((ICountyEvent)e.Data).At <= asOf).ToList();
        if (taken.Count == 0)
            return null;
        return county.Read(taken[^1].Version, CountyFile.Fold(taken.Select(e => (ICountyEvent)e.Data)));
    }

    /// <summary>Every change to the county, oldest first.</summary>
    public async Task<IReadOnlyList<CountyChange>> HistoryAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(StreamId, token: ct);
        return [.. events.Select(Describe)];
    }

    /// <summary>Decides a change on the county as its stream now stands and, if it stands, appends and announces it.</summary>
    /// <param name="change">Makes the events from the snapshot the change is decided on.</param>
    public async Task<CountyResult> ChangeAsync(Func<CountySnapshot, IReadOnlyList<ICountyEvent>> change, long? expectedVersion, CancellationToken ct)
    {
        await RefreshAsync(ct);
        var current = county.Snapshot;
        if (expectedVersion is { } expected && expected != current.Version)
            return new CountyResult.Stale(expected, current.Version);
        var proposed = change(current);
        await using var session = store.LightweightSession();
        var decision = CountyChanges.Decide(current.File, proposed, await OpenTicketsInAsync(session, proposed, ct));
        if (decision.Rejection is { } rejection)
            return new CountyResult.Refused(rejection, decision.Problems);

        var events = decision.Events;
        var version = current.Version + events.Count;
        session.Events.Append(StreamId, version, [.. events]);
        session.QueueSqlCommand("select pg_notify(?, ?)", Channel, version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception x) when (x is ConcurrencyException or EventStreamUnexpectedMaxEventIdException)
        {
            return new CountyResult.Conflict();
        }
        county.Offer(county.Read(version, events.Aggregate(current.File, (file, e) => file.With(e))));
        return new CountyResult.Done(version, [.. events.Select(e => e.GetType().Name)]);
    }

    /// <summary>For a unit's removal, whether any ticket not yet closed is held by it or lies in it.</summary>
    private static async Task<IReadOnlySet<string>> OpenTicketsInAsync(IQuerySession session, IReadOnlyList<ICountyEvent> changes, CancellationToken ct)
    {
        var open = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in changes.OfType<UnitRemoved>().Select(r => r.UnitCode))
        {
            if (await session.Query<TicketView>().AnyAsync(t =>
                    (t.HoldingUnitCode == code || t.VillageCode == code || t.GridCode == code)
                    && t.Status != TicketStatus.Closed && t.Status != TicketStatus.Withdrawn && t.Status != TicketStatus.Merged, ct))
                open.Add(code);
        }
        return open;
    }

    private static CountyChange Describe(IEvent e)
    {
        var data = (ICountyEvent)e.Data;
        // An import carries the whole file: the history names it, the county at that version shows it.
        object shown = data is CountyImported imported ? new { imported.By, imported.At, imported.Why, bytes = imported.File.Length } : data;
        return new CountyChange(e.Version, e.EventType.Name, data.At, data.By, data.Why, shown);
    }
}

internal static partial class CountyLog
{
    [LoggerMessage(LogLevel.Error, "The county's stream at version {Version} is not valid reference data, and stays out of force: {Problems}")]
    public static partial void Unreadable(ILogger logger, long version, string problems);

    [LoggerMessage(LogLevel.Warning, "Lost the connection that listens for the county's changes; listening again in a second")]
    public static partial void ListenerLost(ILogger logger, Exception exception);
}
