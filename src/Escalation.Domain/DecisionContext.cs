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
}
