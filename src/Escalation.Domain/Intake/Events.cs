namespace Escalation.Domain.Intake;

public enum Channel { Hotline, GridWorker, App, WalkIn, Letter }

public enum Urgency { Normal, Urgent, Emergency }

/// <summary>
/// A citizen's request was recorded. It names no citizen: name and phone are personal data (PIPL)
/// and live in a separate record the host keeps.
/// </summary>
/// <param name="HeldByUnitCode">The township or street containing the location (属地): it triages the ticket.</param>
public sealed record TicketReported(
    Guid TicketId,
    Actor By,
    DateTimeOffset At,
    Channel Channel,
    string Description,
    string VillageCode,
    string? GridCode,
    string? Address,
    string? CategoryCode,
    Urgency Urgency,
    string HeldByUnitCode) : ITicketEvent;
