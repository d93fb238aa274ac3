using Escalation.Domain.Reference;

namespace Escalation.Host.WebConsole;

/// <summary>
/// The places (villages, communities, grids) and catalogue matters an operator searches while taking a call. Each choice
/// reads "name · … [code]", so a typed name finds it and the code settles which one it is.
/// </summary>
public sealed class Places(Escalation.Host.Organisation.CountyReference county, Texts texts)
{
    /// <summary>The county's reference data in force now (it changes at runtime: docs/county.md).</summary>
    private ReferenceData reference => county.Current;

    public IEnumerable<(string Code, string Label)> Locations() =>
        reference.Units
            .Where(u => u.Kind is UnitKind.Village or UnitKind.Community or UnitKind.Grid)
            .Select(u => (u.Code, Label: $"{texts.Place(u.Code)} [{u.Code}]"));

    public IEnumerable<(string Code, string Label)> Categories() =>
        reference.Catalogue.Select(m => (m.Code, Label: $"{texts.Matter(m.Code)} [{m.Code}]"));

    /// <summary>The place a typed text names: its code in brackets, the code alone, or a name only one place has.</summary>
    public Unit? FindLocation(string? text) =>
        Find(text, reference.FindUnit, Locations()) is { } code ? reference.FindUnit(code) : null;

    public Matter? FindCategory(string? text) =>
        Find(text, reference.FindMatter, Categories()) is { } code ? reference.FindMatter(code) : null;

    private static string? Find<T>(string? text, Func<string, T?> byCode, IEnumerable<(string Code, string Label)> choices) where T : class
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        text = text.Trim();
        var open = text.LastIndexOf('[');
        var code = open >= 0 && text.EndsWith(']') ? text[(open + 1)..^1] : text;
        if (byCode(code) is not null)
            return code;
        var named = choices.Where(c => c.Label.StartsWith(text + " [", StringComparison.Ordinal) || c.Label.EndsWith($"{text} [{c.Code}]", StringComparison.Ordinal))
            .Take(2).ToList();
        return named.Count == 1 ? named[0].Code : null;
    }
}
