using System.Text.Json;

namespace Escalation.Host.Api;

/// <summary>Checks a request's fields and collects, per field, why each is invalid (a 400 names them all).</summary>
public sealed class Fields
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool AreValid => _errors.Count == 0;

    public IReadOnlyDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    /// <summary>A text field: present when required, at most <paramref name="maxLength"/> characters, no control characters but line breaks and tabs.</summary>
    public string? Text(string? value, string field, int maxLength, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
                Add(field, "is required.");
            return null;
        }
        if (value.Length > maxLength)
            Add(field, $"must be at most {maxLength} characters long.");
        else if (value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            Add(field, "must not contain control characters.");
        return value.Trim();
    }

    /// <summary>One of an enum's values, spelled in kebab case as the API writes them (e.g. "basically-satisfied").</summary>
    public TEnum? Choice<TEnum>(string? value, string field, bool required = true) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
                Add(field, $"is required: one of {string.Join(", ", Names<TEnum>())}.");
            return null;
        }
        foreach (var choice in Enum.GetValues<TEnum>())
        {
            if (Name(choice) == value)
                return choice;
        }
        Add(field, $"must be one of {string.Join(", ", Names<TEnum>())}.");
        return null;
    }

    public void Add(string field, string reason)
    {
        if (!_errors.TryGetValue(field, out var reasons))
            _errors[field] = reasons = [];
        reasons.Add(reason);
    }

    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    private static IEnumerable<string> Names<TEnum>() where TEnum : struct, Enum => Enum.GetValues<TEnum>().Select(Name);
}
