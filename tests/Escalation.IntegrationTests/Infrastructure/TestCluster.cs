using Escalation.Host.Infrastructure;

namespace Escalation.IntegrationTests.Infrastructure;

/// <summary>
/// One throw-away PostgreSQL cluster for the whole test run, provisioned the way the host provisions its
/// built-in database; each test class gets a database of its own in it.
/// </summary>
public static class TestCluster
{
    private const string FolderPrefix = "escalation-tests-";
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), FolderPrefix + Environment.ProcessId);
    private static readonly Lazy<Task<LocalPostgres>> Cluster = new(StartAsync);

    public static Task<LocalPostgres> Instance => Cluster.Value;

    /// <summary>A folder for a cluster of a test class's own, removed with this run's (see <see cref="StoppableCluster"/>).</summary>
    public static string FolderFor(string name) => Path.Combine(Folder, name);

    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var cluster = await Instance;
        var name = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        await cluster.CreateDatabaseAsync(name);
        return cluster.ConnectionStringFor(name);
    }

    private static async Task<LocalPostgres> StartAsync()
    {
        RemoveFoldersOfEndedRuns();
        var cluster = await LocalPostgres.StartAsync(new LocalPostgresOptions { Directory = Folder, Ephemeral = true, Database = "postgres" });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Directory.Delete(Folder, recursive: true);
        };
        return cluster;
    }

    /// <summary>The test host may be torn down before its exit handler has removed its folder; the next run does it.</summary>
    private static void RemoveFoldersOfEndedRuns()
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            if (!int.TryParse(Path.GetFileName(folder)[FolderPrefix.Length..], out var pid) || IsRunning(pid))
                continue;
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A server of that run is still shutting down; a later run removes the folder.
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
