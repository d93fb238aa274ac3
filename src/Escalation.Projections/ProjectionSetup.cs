using Escalation.Projections.Integrity;
using JasperFx.Events.Projections;
using Marten;

namespace Escalation.Projections;

public static class ProjectionSetup
{
    /// <summary>Everything the event store keeps beside the events: the read models and the events' hash chain.</summary>
    public static void AddEscalationReadModels(this StoreOptions opts)
    {
        opts.Projections.Add<TicketStateProjection>(ProjectionLifecycle.Live);
        opts.Projections.Add<TicketViewProjection>(ProjectionLifecycle.Inline);

        opts.Events.MetadataConfig.HeadersEnabled = true;
        opts.Listeners.Add(new EventChainListener());
    }
}
