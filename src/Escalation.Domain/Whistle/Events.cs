namespace Escalation.Domain.Whistle;

/// <summary>A township, street or the county blew the whistle (吹哨): the named departments must report in by the deadline.</summary>
public sealed record WhistleBlown(
    Guid TicketId,
    Actor By,
    DateTimeOffset At,
    Guid WhistleId,
    string BlownByUnitCode,
    IReadOnlyList<string> DepartmentCodes,
    DateTimeOffset ReportInDeadline,
    string Reason) : ITicketEvent;

/// <summary>A summoned department reported in (报到) to a whistle.</summary>
/// <param name="Person">The user id of who came.</param>
public sealed record DepartmentReportedIn(
    Guid TicketId,
    Actor By,
    DateTimeOffset At,
    Guid WhistleId,
    string DepartmentCode,
    string Person,
    bool OnSite,
    string? Note) : ITicketEvent;
