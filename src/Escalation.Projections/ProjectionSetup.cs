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

        // Queues and search: a ticket found by its number, and by any Chinese substring of its description or address
        // (trigrams: Chinese has no spaces between words, so a LIKE '%…%' is the search).
        opts.Storage.ExtendedSchemaObjects.Add(new Weasel.Postgresql.Extension("pg_trgm"));
        opts.Schema.For<TicketView>()
            .Index(x => x.Number)
            .Index(x => x.Description, index => (index.Method, index.Mask) = (Weasel.Postgresql.Tables.IndexMethod.gin, "? gin_trgm_ops"))
            .Index(x => x.Address!, index => (index.Method, index.Mask) = (Weasel.Postgresql.Tables.IndexMethod.gin, "? gin_trgm_ops"));

        // Joint handling (#18): the assessment finds the tickets with whistles or co-handlers in a period.
        opts.Schema.For<TicketView>().Index(x => x.Joint.FirstAt!).Index(x => x.HandlerUserId!);

        // The hash chain and the inline view need each event's version before anything is written; the quick append
        // modes leave an append without an expected version (a timer's) to be numbered by the database.
        opts.Events.AppendMode = EventAppendMode.Rich;
        opts.Events.MetadataConfig.HeadersEnabled = true;
        opts.Listeners.Add(new EventChainListener());

        // Privacy: the citizen's free text kept beside the events, so that erasure leaves the events and their chain intact.
        opts.Listeners.Add(new Privacy.CitizenTextListener());
        opts.Schema.For<Privacy.CitizenText>().Index(x => x.TicketId);
    }
}
