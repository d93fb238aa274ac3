using Escalation.Domain;
using Escalation.Domain.Reference;

namespace Escalation.Host.Commands;

/// <summary>What every decision may know besides its ticket, as of now: the injected clock, the county's reference data and settings.</summary>
public sealed class DecisionContexts(ReferenceData reference, CountySettings settings, TimeProvider clock)
{
    public DecisionContext Now() => new(clock.GetUtcNow(), reference, settings);
}
