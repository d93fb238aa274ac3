using Escalation.Domain.Intake;
using Escalation.Domain.Rating;
using Escalation.Domain.Withdrawal;

namespace Escalation.Domain.Privacy;

/// <summary>
/// The free text a citizen supplied, by event: the request's description and address, the rating's comment, the reason
/// the citizen withdrew. The host keeps it beside the events, never in the stored event, so erasure can remove it and
/// leave the events, and their hash chain, as they were. Every other text of an event is the staff's own words.
/// </summary>
public static class CitizenSupplied
{
    /// <summary>What readers see where the citizen's text was erased.</summary>
    public const string Erased = "[erased]";

    /// <summary>The citizen-supplied fields each event type has, by property name.</summary>
    public static readonly IReadOnlyDictionary<Type, IReadOnlyList<string>> Fields = new Dictionary<Type, IReadOnlyList<string>>
    {
        [typeof(TicketReported)] = [nameof(TicketReported.Description), nameof(TicketReported.Address)],
        [typeof(CitizenRated)] = [nameof(CitizenRated.Comment)],
        [typeof(TicketWithdrawn)] = [nameof(TicketWithdrawn.Reason)],
    };

    /// <summary>The event's citizen-supplied values, by field; fields it leaves empty are left out.</summary>
    public static IReadOnlyDictionary<string, string> Of(object e)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, value) in Pairs(e))
        {
            if (value is not null)
                values[field] = value;
        }
        return values;
    }

    /// <summary>The event with each citizen-supplied field set to <paramref name="value"/>(field, its value now); other events as they are.</summary>
    public static object With(object e, Func<string, string?, string?> value) => e switch
    {
        TicketReported x => x with
        {
            Description = value(nameof(x.Description), x.Description) ?? "",
            Address = value(nameof(x.Address), x.Address),
        },
        CitizenRated x => x with { Comment = value(nameof(x.Comment), x.Comment) },
        TicketWithdrawn x => x with { Reason = value(nameof(x.Reason), x.Reason) ?? "" },
        _ => e,
    };

    /// <summary>The event as it reads once the citizen's data is erased: every citizen-supplied text it had is <see cref="Erased"/>.</summary>
    public static object Redacted(object e) => With(e, (_, now) => string.IsNullOrEmpty(now) ? now : Erased);

    private static IEnumerable<(string Field, string? Value)> Pairs(object e) => e switch
    {
        TicketReported x => [(nameof(x.Description), x.Description), (nameof(x.Address), x.Address)],
        CitizenRated x => [(nameof(x.Comment), x.Comment)],
        TicketWithdrawn x => [(nameof(x.Reason), x.Reason)],
        _ => [],
    };
}
