using System.Globalization;
using Escalation.Domain.Intake;
using JasperFx.Events;
using JasperFx.Events.Grouping;
using Marten;
using Marten.Events.Aggregation;
using Marten.Events.Projections;

namespace Escalation.Projections.Statistics;

/// <summary>The counters of one day (China time), unit, department and category; the statistics add cells up when asked.</summary>
public sealed class DailyCounts
{
    public string Id { get; set; } = "";
    public DateOnly Day { get; set; }
    public string UnitCode { get; set; } = "";
    public string? DepartmentCode { get; set; }
    public string? CategoryCode { get; set; }
    public Counts Counts { get; set; } = new();

    public static string IdOf(DateOnly day, string unit, string? department, string? category) =>
        string.Join('|', day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), unit, department, category);
}

/// <summary>
/// Async: counters are shared by many tickets, so writing them in each command's transaction would make concurrent
/// commands contend for the same rows; statistics may trail the events by a moment.
/// </summary>
public sealed class DailyCountsProjection : MultiStreamProjection<DailyCounts, string>
{
    public DailyCountsProjection()
    {
        foreach (var type in StatisticFacts.CountedEvents)
            IncludeType(type);
        CustomGrouping(new CellGrouper());
    }

    public override DailyCounts Evolve(DailyCounts? snapshot, string id, IEvent e)
    {
        var delta = (CellDelta)e.Data;
        snapshot ??= new DailyCounts
        {
            Id = id, Day = delta.Day, UnitCode = delta.Unit, DepartmentCode = delta.Department, CategoryCode = delta.Category,
        };
        snapshot.Counts.Add(delta.Counts);
        return snapshot;
    }

    /// <summary>
    /// Turns a page of events into cell deltas. What an event counts for depends on the ticket as it stood just before
    /// it (who held it, its clocks, its whistles), so each ticket's earlier events are read back from the event store,
    /// which never changes, and folded with the ticket view's own fold: the counts do not depend on how far any other
    /// projection has got, and a rebuild gives the same cells.
    /// </summary>
    private sealed class CellGrouper : IAggregateGrouper<string>
    {
        public async Task Group(IQuerySession session, IReadOnlyList<IEvent> events, IEventGrouping<string> grouping)
        {
            var counted = events.Select(e => e.Sequence).ToHashSet();
            // A ticket whose events in the page are its versions 1, 2, ... n without a gap has nothing before or between
            // them to read back (a new ticket, most of a busy day's pages): only the others are read from the store.
            var wholeFromTheStart = events.GroupBy(e => e.StreamId).ToLookup(IsWholeFromTheStart);
            var whole = wholeFromTheStart[true].SelectMany(t => t).ToList();
            var ids = wholeFromTheStart[false].Select(t => t.Key).ToArray();
            var last = events.Max(e => e.Sequence);
            IReadOnlyList<IEvent> readBack = ids.Length == 0 ? [] : await session.Events.QueryAllRawEvents()
                .Where(e => ids.Contains(e.StreamId) && e.Sequence <= last)
                .ToListAsync();
            var history = readBack.Concat(whole).OrderBy(e => e.Sequence);

            var tickets = new Dictionary<Guid, TicketView>();
            var cells = new Dictionary<string, (CellDelta Delta, IEvent Last)>();
            foreach (var e in history)
            {
                var before = tickets.GetValueOrDefault(e.StreamId);
                if (counted.Contains(e.Sequence))
                {
                    foreach (var delta in StatisticFacts.For(before, e.Data))
                    {
                        var sum = cells.TryGetValue(delta.Id, out var cell) ? cell.Delta.Counts : new Counts();
                        sum.Add(delta.Counts);
                        cells[delta.Id] = (delta with { Counts = sum }, e);
                    }
                }
                if (before is not null)
                    before.When(e.Data);
                else if (e.Data is TicketReported reported)
                    tickets[e.StreamId] = TicketView.Start(reported);
            }

            // One delta per cell and page, carrying the position of the last event that counted in it.
            foreach (var (id, (delta, source)) in cells)
            {
                grouping.AddEvent(id, new Event<CellDelta>(delta)
                {
                    Sequence = source.Sequence,
                    Version = source.Version,
                    StreamId = source.StreamId,
                    Timestamp = source.Timestamp,
                    TenantId = source.TenantId,
                });
            }
        }

        private static bool IsWholeFromTheStart(IGrouping<Guid, IEvent> ticket) =>
            ticket.OrderBy(e => e.Version).Select((e, i) => e.Version == i + 1).All(contiguous => contiguous);
    }
}
