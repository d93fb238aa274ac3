using System.Runtime.CompilerServices;

namespace Escalation.Domain.Tests;

/// <summary>Files shipped in the repository (the host's data), read from the repository so the tests check the very files the host loads.</summary>
internal static class RepositoryFile
{
    public static string Read(string relativePath) => File.ReadAllText(Find(relativePath));

    // The test assembly may be built outside the repository (--artifacts-path), so the walk up
    // also starts from this source file's folder.
    private static string Find(string relativePath, [CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) })
        {
            for (var folder = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, relativePath);
                if (File.Exists(candidate))
                    return candidate;
            }
        }
        throw new FileNotFoundException($"{relativePath} was not found above {AppContext.BaseDirectory} nor above {sourceFile}");
    }
}
