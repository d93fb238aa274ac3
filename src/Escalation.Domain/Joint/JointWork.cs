namespace Escalation.Domain.Joint;

/// <summary>A whistle as joint handling needs it, kept after the ticket is resolved (evaluations come after the work).</summary>
public sealed record JointWhistle(
    Guid Id,
    string BlownBy,
    IReadOnlyList<string> Summoned,
    IReadOnlyList<string> ReportedIn,
    IReadOnlyList<string> Returned,
    bool Conferred,
    IReadOnlyList<string> Evaluated,
    IReadOnlyList<string> JudgedBy)
{
    /// <summary>A summoned party takes part unless it returned its summons.</summary>
    public bool Engages(string party) => Summoned.Contains(party) && !Returned.Contains(party);
}

/// <summary>A part of the work: a co-handler's (none for <see cref="WhistleId"/>) or one agreed at a whistle's conference.</summary>
public sealed record Part(Guid Id, Guid? WhistleId, string Party, string Task, DateTimeOffset Due, string AssignedBy, bool FedBack);

/// <summary>The named person handling the ticket within the unit (or department) that holds it.</summary>
public sealed record NamedHandler(string UnitCode, string UserId);

/// <summary>What joint handling needs to decide: whistles and their steps, parts, the lead, the fallback owner, the named handler.</summary>
public sealed record JointWork(
    IReadOnlyList<JointWhistle> Whistles,
    IReadOnlyList<Part> Parts,
    string? Lead,
    string? FallbackOwner,
    NamedHandler? Handler)
{
    public static JointWork None { get; } = new([], [], null, null, null);

    public JointWhistle? FindWhistle(Guid id) => Whistles.FirstOrDefault(w => w.Id == id);

    public Part? FindPart(Guid id) => Parts.FirstOrDefault(p => p.Id == id);

    /// <summary>The parts not yet fed back: the lead resolves only when there are none (or the county lets it override).</summary>
    public IReadOnlyList<Part> Outstanding => [.. Parts.Where(p => !p.FedBack)];
}
