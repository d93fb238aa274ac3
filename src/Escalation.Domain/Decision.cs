using System.Diagnostics.CodeAnalysis;

namespace Escalation.Domain;

/// <summary>A broken rule: a code from <see cref="RuleCodes"/> and a sentence for people.</summary>
public sealed record Rejection(string Code, string Message);

/// <summary>What a command decided: the events to append, or why nothing happens.</summary>
public sealed record Decision
{
    private Decision(IReadOnlyList<object> events, Rejection? rejection)
    {
        Events = events;
        Rejection = rejection;
    }

    public IReadOnlyList<object> Events { get; }

    public Rejection? Rejection { get; }

    [MemberNotNullWhen(true, nameof(Rejection))]
    public bool IsRejected => Rejection is not null;

    public static Decision Accept(params object[] events) => new(events, null);

    public static Decision Reject(string code, string message) => new([], new Rejection(code, message));
}
