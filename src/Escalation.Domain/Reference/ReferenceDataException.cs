namespace Escalation.Domain.Reference;

/// <summary>The reference data file is unusable; <see cref="Errors"/> lists every problem found, not just the first.</summary>
public sealed class ReferenceDataException(IReadOnlyList<string> errors)
    : Exception("The county reference data is invalid:" + string.Concat(errors.Select(e => "\n- " + e)))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
