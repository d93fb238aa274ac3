using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Escalation.Domain.Privacy;
using JasperFx.Events;
using Marten;

namespace Escalation.Projections.Privacy;

/// <summary>
/// One event's citizen-supplied text (<see cref="CitizenSupplied"/>), kept beside the event instead of in it: written in
/// the same transaction as the event, deleted when the citizen's data is erased. <see cref="Id"/> is the event's
/// stream and version.
/// </summary>
public sealed class CitizenText
{
    public string Id { get; set; } = "";
    public Guid TicketId { get; set; }
    public long Version { get; set; }
    public Dictionary<string, string> Fields { get; set; } = [];

    public static string IdOf(Guid ticketId, long version) => $"{ticketId}/{version}";
}

/// <summary>
/// How the citizen's free text stays out of the stored events and comes back to their readers. The store's serializer
/// never writes a citizen-supplied field of an event (<see cref="KeepApart"/>); the session listener stores it as a
/// <see cref="CitizenText"/> and names the fields kept apart in the event's <see cref="Header"/>. The hash chain covers
/// the event as stored, without the text, so erasing the text leaves the chain valid. Events appended before this was
/// so still hold their text and read as they are; once the citizen's data is erased every reader shows
/// <see cref="CitizenSupplied.Erased"/> in its place.
/// </summary>
public static class CitizenTexts
{
    /// <summary>The event header naming the citizen-supplied fields kept apart (comma-separated); headers are not hashed.</summary>
    public const string Header = "citizen-text";

    /// <summary>A serializer contract modifier: a citizen-supplied field of an event is never written (it is still read, from events written before).</summary>
    public static void KeepApart(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || !CitizenSupplied.Fields.TryGetValue(info.Type, out var fields))
            return;
        foreach (var property in info.Properties)
        {
            if (property.AttributeProvider is MemberInfo member && fields.Contains(member.Name))
                property.ShouldSerialize = static (_, _) => false;
        }
    }

    /// <summary>Whether the stored event lacks a citizen-supplied text that was kept apart.</summary>
    public static bool Lacks(IEvent e) =>
        KeptApart(e) is { Count: > 0 } apart && CitizenSupplied.Of(e.Data) is var present && apart.Any(field => !present.ContainsKey(field));

    /// <summary>The event's data with its texts kept apart put back from <paramref name="kept"/>, or <see cref="CitizenSupplied.Erased"/> where none is kept any more.</summary>
    public static object Filled(IEvent e, IReadOnlyDictionary<string, CitizenText> kept)
    {
        var apart = KeptApart(e);
        var texts = kept.GetValueOrDefault(CitizenText.IdOf(e.StreamId, e.Version))?.Fields;
        return CitizenSupplied.With(e.Data, (field, now) =>
            !string.IsNullOrEmpty(now) || !apart.Contains(field) ? now : texts?.GetValueOrDefault(field) ?? CitizenSupplied.Erased);
    }

    /// <summary>The kept texts of the tickets' events, by <see cref="CitizenText.Id"/>: one query.</summary>
    public static async Task<IReadOnlyDictionary<string, CitizenText>> LoadAsync(IQuerySession session, IEnumerable<Guid> ticketIds, CancellationToken ct)
    {
        var ids = ticketIds.Distinct().ToArray();
        if (ids.Length == 0)
            return new Dictionary<string, CitizenText>();
        var texts = await session.Query<CitizenText>().Where(t => ids.Contains(t.TicketId)).ToListAsync(ct);
        return texts.ToDictionary(t => t.Id, StringComparer.Ordinal);
    }

    /// <summary>
    /// A ticket's events as people read them (history, replay, the audit page): texts kept apart put back, and every
    /// citizen-supplied text <see cref="CitizenSupplied.Erased"/> once the citizen's data is erased, whatever version is read.
    /// </summary>
    public static async Task<IReadOnlyList<object>> ReadableAsync(IQuerySession session, Guid ticketId, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var erased = events.Any(e => e.Data is CitizenDataErased);
        var kept = erased || !events.Any(Lacks) ? new Dictionary<string, CitizenText>() : await LoadAsync(session, [ticketId], ct);
        return [.. events.Select(e => erased ? CitizenSupplied.Redacted(Filled(e, kept)) : Filled(e, kept))];
    }

    /// <summary>The ticket as it stood after <paramref name="version"/>, folded by the live view's own fold over its readable events.</summary>
    public static async Task<TicketView?> ReplayAsync(IQuerySession session, Guid ticketId, long version, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(ticketId, token: ct);
        var readable = await ReadableAsync(session, ticketId, events, ct);
        TicketView? view = null;
        for (var i = 0; i < events.Count && events[i].Version <= version; i++)
        {
            if (view is null)
                view = readable[i] is Domain.Intake.TicketReported reported ? TicketView.Start(reported) : null;
            else
                view.When(readable[i]);
            if (view is not null)
                view.Version = events[i].Version;
        }
        return view;
    }

    private static IReadOnlyCollection<string> KeptApart(IEvent e) =>
        e.GetHeader(Header)?.ToString() is { Length: > 0 } names ? names.Split(',') : [];
}

/// <summary>
/// Keeps each appended event's citizen-supplied text apart, whoever appends it (intake, commands, the simulator): Marten
/// calls it once per SaveChanges, after it has numbered the events and before anything is written, in the same
/// transaction. The event object in memory keeps its text, so the inline view is built with it.
/// </summary>
public sealed class CitizenTextListener : DocumentSessionListenerBase
{
    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        foreach (var stream in session.PendingChanges.Streams())
        {
            foreach (var e in stream.Events)
            {
                if (CitizenSupplied.Of(e.Data) is not { Count: > 0 } texts)
                    continue;
                session.Store(new CitizenText { Id = CitizenText.IdOf(stream.Id, e.Version), TicketId = stream.Id, Version = e.Version, Fields = new(texts) });
                e.SetHeader(CitizenTexts.Header, string.Join(',', texts.Keys));
            }
        }
        return Task.CompletedTask;
    }
}
