using System.Runtime.CompilerServices;

namespace Escalation.Domain.Tests.Reference;

/// <summary>The shipped sample county, read from the repository so the tests check the very file the host loads.</summary>
internal static class SampleCounty
{
    private const string RelativePath = "src/Escalation.Host/Data/sample-county.json";

    private static readonly Lazy<ReferenceData> Loaded = new(() => ReferenceDataParser.Parse(File.ReadAllText(FindFile())));

    public static ReferenceData Data => Loaded.Value;

    // The test assembly may be built outside the repository (--artifacts-path), so the walk up
    // also starts from this source file's folder.
    private static string FindFile([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) })
        {
            for (var folder = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, RelativePath);
                if (File.Exists(candidate))
                    return candidate;
            }
        }
        throw new FileNotFoundException($"{RelativePath} was not found above {AppContext.BaseDirectory} nor above {sourceFile}");
    }
}
