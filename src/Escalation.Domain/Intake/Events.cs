namespace Escalation.Domain.Intake;

public enum Channel { Hotline, GridWorker, App, WalkIn, Letter }

public enum Urgency { Normal, Urgent, Emergency }

/// <summary>
/// A citizen's request was recorded. It names no citizen: name and phone are personal data (PIPL)
/// and live in a separate record the host keeps.
/// </summary>
/// <param name="HeldByUnitCode">The township or street containing the location (属地): it triages the ticket.</param>
/// <param name="Number">
/// The number people read out (e.g. SC20261201-0042: county, China day of intake, the day's sequence), given by the host at
/// intake; null on tickets opened before numbers existed.
/// </param>
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
    string HeldByUnitCode,
    string? Number = null) : ITicketEvent;
