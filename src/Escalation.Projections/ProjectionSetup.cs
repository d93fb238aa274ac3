using Escalation.Projections.Integrity;
using Escalation.Projections.Statistics;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;

namespace Escalation.Projections;

public static class ProjectionSetup
{
    /// <summary>Everything the event store keeps beside the events: the read models and the events' hash chain.</summary>
    public static void AddEscalationReadModels(this StoreOptions opts)
    {
        opts.Projections.Add<TicketStateProjection>(ProjectionLifecycle.Live);
        opts.Projections.Add<TicketViewProjection>(ProjectionLifecycle.Inline, rebuild => rebuild.BatchSize = 5000);
        // Large pages: each page reads back the earlier events of the tickets it touches, once per page.
        opts.Projections.Add<DailyCountsProjection>(ProjectionLifecycle.Async, async => async.BatchSize = 5000);
        opts.Schema.For<DailyCounts>().Index(x => x.Day);

        // The hash chain and the inline view need each event's version before anything is written; the quick append
        // modes leave an append without an expected version (a timer's) to be numbered by the database.
        opts.Events.AppendMode = EventAppendMode.Rich;
        opts.Events.MetadataConfig.HeadersEnabled = true;
        opts.Listeners.Add(new EventChainListener());
    }
}
