using Escalation.Host.Commands;
using JasperFx.Events;

namespace Escalation.Host.Organisation;

/// <summary>Which version of the county's reference data a ticket event was decided under (its header), if it says.</summary>
public static class ReferenceVersions
{
    /// <returns>Null for events appended before the county had versions, or by a path that decides nothing (a simulation's bulk append).</returns>
    public static string? Of(IEvent e) =>
        e.Headers is { } headers && headers.TryGetValue(CommandPipeline.ReferenceHeader, out var value) ? value?.ToString() : null;
}
