using Escalation.Domain.Intake;
using Escalation.Domain.Reference;
using Escalation.Domain.Tests;
using Escalation.Simulation;

namespace Escalation.Projections.Tests;

/// <summary>The projections' folds, run over events without a database, as Marten runs them.</summary>
internal static class Folds
{
    private static readonly Lazy<ReferenceData> County =
        new(() => ReferenceDataParser.Parse(RepositoryFile.Read("src/Escalation.Host/Data/sample-county.json")));

    public static ReferenceData Reference => County.Value;

    public static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Simulated months of cases: every command and timer the domain knows, decided as the host decides them.</summary>
    public static IReadOnlyList<SimulatedCase> Cases(int count, int seed = 20261201) =>
        [.. new CaseSimulator(Reference, seed).Cases(Start, Start.AddDays(30), count)];

    public static TicketView View(IEnumerable<object> events) => Views(events).Last();

    /// <summary>The view after each event of the stream.</summary>
    public static IEnumerable<TicketView> Views(IEnumerable<object> events)
    {
        TicketView? view = null;
        foreach (var e in events)
        {
            if (view is null)
                view = TicketView.Start((TicketReported)e);
            else
                view.When(e);
            yield return view;
        }
    }
}
