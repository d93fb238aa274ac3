using Escalation.Domain;
using Escalation.Host.Notifications;
using Escalation.Projections;
using Marten;
using JasperFx.Events;

namespace Escalation.Host.Commands;

/// <summary>
/// The tickets one transaction decides on, each fetched once for writing (Marten's optimistic check starts at that
/// fetch), with its state after what the transaction has appended to it so far: a second decision on the same ticket
/// in the same transaction (two timers, a follow-up on a ticket already in hand) sees the first one's events.
/// </summary>
/// <remarks>
/// A ticket is fetched as its inline view, whose <see cref="TicketView.State"/> is the domain's fold kept at the
/// stream's head in the transaction that appends: one document read instead of every event of the stream, and Marten
/// applies the new events to that same document rather than reading it again (docs/benchmarks/faults.md, "The
/// write side reads the view"). A stream without its view (while the view is rebuilt) is folded from its events.
/// </remarks>
public sealed class TicketStreams
{
    private readonly Dictionary<Guid, (IEventStream<TicketView> Stream, Ticket? State, long Version)> _tickets = [];
    private readonly List<TurnTaken> _taken = [];

    private TicketStreams(IDocumentSession session) => Session = session;

    public IDocumentSession Session { get; }

    /// <summary>The turns appended so far, each with its ticket before it and its first event's version: what is notified.</summary>
    public IReadOnlyList<TurnTaken> Taken => _taken;

    public static TicketStreams In(IDocumentSession session) => new(session);

    /// <summary>Fetches the tickets in one round trip.</summary>
    public static async Task<TicketStreams> FetchAsync(IDocumentSession session, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var streams = new TicketStreams(session);
        if (ids.Count > 0)
            foreach (var stream in await session.Events.FetchManyForWriting<TicketView>(ids, ct))
                streams._tickets[stream.Id] = (stream, await StateOfAsync(session, stream, ct), stream.CurrentVersion ?? 0);
        return streams;
    }

    /// <summary>The ticket's state now, or null if there is no such ticket; fetched on first use.</summary>
    public async Task<Ticket?> StateAsync(Guid id, CancellationToken ct)
    {
        if (!_tickets.TryGetValue(id, out var ticket))
        {
            var stream = await Session.Events.FetchForWriting<TicketView>(id, ct);
            _tickets[id] = ticket = (stream, await StateOfAsync(Session, stream, ct), stream.CurrentVersion ?? 0);
        }
        return ticket.State;
    }

    private static async Task<Ticket?> StateOfAsync(IDocumentSession session, IEventStream<TicketView> stream, CancellationToken ct) =>
        stream.Aggregate?.State
        ?? (stream.CurrentVersion is > 0 ? await session.Events.AggregateStreamAsync<Ticket>(stream.Id, token: ct) : null);

    /// <summary>The state of a ticket fetched before, after what this transaction has appended to it.</summary>
    public Ticket Current(Guid id) => _tickets[id].State!;

    /// <summary>The version the ticket had when it was fetched (0 for none).</summary>
    public long FetchedVersion(Guid id) => _tickets[id].Stream.CurrentVersion ?? 0;

    /// <summary>Appends a turn's events to its ticket, fetched before by <see cref="StateAsync"/>.</summary>
    public void Append(Turn turn)
    {
        var (stream, state, version) = _tickets[turn.TicketId];
        _taken.Add(new TurnTaken(state, version + 1, turn.Events));
        stream.AppendMany(turn.Events);
        _tickets[turn.TicketId] = (stream, turn.Events.Aggregate(state!, (ticket, e) => ticket.Evolve(e)), version + turn.Events.Count);
    }
}
