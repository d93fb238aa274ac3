using Escalation.Domain.Reference;

namespace Escalation.Domain;

/// <summary>What a decision may know besides the ticket: the time, the county's reference data, its settings.</summary>
public sealed record DecisionContext(DateTimeOffset Now, ReferenceData Reference, CountySettings Settings);

/// <summary>The choices a county makes about the process.</summary>
public sealed record CountySettings
{
    public static CountySettings Default { get; } = new();

    /// <summary>When set, an unsatisfied rating sends the ticket one tier up instead of back to its handler.</summary>
    public bool UnsatisfiedRatingEscalates { get; init; }

    /// <summary>How long the citizen may rate a resolution before the ticket may be closed without a rating.</summary>
    public TimeSpan RatingWindow { get; init; } = TimeSpan.FromDays(3);

    /// <summary>The most one extension (延期) may add to a limit's deadline.</summary>
    public TimeSpan MaxExtension { get; init; } = TimeSpan.FromDays(15);

    /// <summary>How many extensions a ticket may be granted in all.</summary>
    public int MaxExtensions { get; init; } = 2;

    /// <summary>Who reviews requests for an extension or a pause: the unit above the holder, or the county.</summary>
    public Extension.ClockReviewer ClocksReviewedBy { get; init; }
    /// <summary>How many unanswered callback attempts make the citizen unreachable: the ticket then closes without a rating.</summary>
    public int CallbackAttempts { get; init; } = 3;

    /// <summary>When set, a return (退单) takes effect only once the level above the holder approves it.</summary>
    public bool ReturnsReviewed { get; init; }

    /// <summary>When set, a return must give its reason code from the list; off by default, so clients that send only a text still work.</summary>
    public bool ReturnReasonCodeRequired { get; init; }
    // Joint handling (#18).

    /// <summary>The lowest tier that may blow the whistle (吹哨): villages and communities and up by default; <c>Township</c> keeps it to townships, streets and the county.</summary>
    public Reference.Tier LowestWhistleTier { get; init; } = Reference.Tier.Village;

    /// <summary>Whether a village's or community's whistle may summon its own township or street as well as departments.</summary>
    public bool VillagesSummonTownship { get; init; } = true;

    /// <summary>Whether the lead may resolve with co-handlers' or conference parts not yet fed back, giving a reason.</summary>
    public bool LeadMayOverrideParts { get; init; }

    /// <summary>Who takes a matter no unit or department can be found for (兜底): a unit or department code; none: the county itself.</summary>
    public string? FallbackOwner { get; init; }

    /// <summary>The fallback owner's own limit to resolve what it took.</summary>
    public TimeSpan FallbackLimit { get; init; } = TimeSpan.FromDays(15);

    /// <summary>How much the township's assessment of a department weighs in the department's annual score (吉林: 40%).</summary>
    public double AssessmentWeight { get; init; } = 0.4;
}
