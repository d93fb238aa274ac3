using Escalation.Domain;
using Escalation.Domain.Timers;
using Wolverine.Attributes;

namespace Escalation.Host.Commands;

/// <summary>
/// A durable scheduled message: a ticket's time limit reaches its yellow share or its deadline. Its identity is the
/// name it had before it moved here, so timers already stored in a database are still delivered.
/// </summary>
[MessageIdentity("Escalation.Host.Features.Timers.TimeLimitDue")]
public sealed record TimeLimitDue(Guid TicketId, Clock Clock, Light Light, string Holder, DateTimeOffset DueAt, DateTimeOffset Deadline, Guid? WhistleId)
{
    public static TimeLimitDue For(ScheduledCheck timer) => new(
        timer.Check.TicketId, timer.Check.Clock, timer.Check.Light, timer.Check.Holder, timer.DueAt, timer.Check.Deadline, timer.Check.WhistleId);

    public CheckTimeLimit Check => new(TicketId, Clock, Light, Holder, Deadline, WhistleId);
}
