using Escalation.Domain;
using Escalation.Domain.Intake;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Escalation.Projections;

/// <summary>
/// Builds the domain's <see cref="Ticket"/> for Marten (live, for FetchForWriting) with the domain's own fold.
/// Marten dispatches conventional Apply methods only through a source generator, which cannot run in the
/// package-free domain project, so the fold is handed over explicitly.
/// </summary>
public sealed class TicketStateProjection : SingleStreamProjection<Ticket, Guid>
{
    public override Ticket? Evolve(Ticket? snapshot, Guid id, IEvent e) =>
        snapshot?.Evolve(e.Data) ?? (e.Data is TicketReported reported ? Ticket.Start(reported) : null);
}
