namespace Escalation.Domain.Tests.Reference;

/// <summary>The shipped sample county, read from the repository so the tests check the very file the host loads.</summary>
internal static class SampleCounty
{
    private static readonly Lazy<ReferenceData> Loaded =
        new(() => ReferenceDataParser.Parse(RepositoryFile.Read("src/Escalation.Host/Data/sample-county.json")));

    public static ReferenceData Data => Loaded.Value;
}
