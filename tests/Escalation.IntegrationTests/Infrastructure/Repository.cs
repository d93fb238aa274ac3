using System.Runtime.CompilerServices;

namespace Escalation.IntegrationTests.Infrastructure;

/// <summary>The repository's folder, found from where this source file sits: the tests may be built outside it (--artifacts-path).</summary>
internal static class Repository
{
    public static string Folder { get; } = Path.GetFullPath(Path.Combine(SourceFolder(), "..", "..", ".."));

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
