using Escalation.Domain;

namespace Escalation.Host.Commands;

/// <summary>What every decision may know besides its ticket, as of now: the injected clock, the county's reference data and settings.</summary>
public sealed class DecisionContexts(Escalation.Host.Organisation.CountyReference county, CountySettings settings, TimeProvider clock)
{
    /// <summary>With the county's reference data in force now: a decision is taken under the version in force when it is taken.</summary>
    public DecisionContext Now() => new(clock.GetUtcNow(), county.Current, settings);
}
