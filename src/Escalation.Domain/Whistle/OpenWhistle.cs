namespace Escalation.Domain.Whistle;

/// <summary>A whistle on a ticket and how its departments answered; open until the ticket is resolved.</summary>
public sealed record OpenWhistle(
    Guid Id,
    string BlownByUnitCode,
    IReadOnlyList<string> Summoned,
    IReadOnlyList<string> ReportedIn,
    IReadOnlyList<string> Returned)
{
    public bool Summons(string departmentCode) => Summoned.Contains(departmentCode);

    public bool IsAnsweredBy(string departmentCode) =>
        ReportedIn.Contains(departmentCode) || Returned.Contains(departmentCode);

    /// <summary>A summoned department takes part in the handling unless it returned its summons.</summary>
    public bool Engages(string departmentCode) => Summons(departmentCode) && !Returned.Contains(departmentCode);
}
