using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Escalation.Host.Infrastructure;
using Escalation.Projections.Integrity;

namespace Escalation.Host.Features.Integrity;

/// <summary>
/// One line of the digest file, as JSON: the China-time day it was written for, when, the last event sequence number
/// it covers, how many streams there were, their heads' Merkle root (<see cref="StreamHeads.Root"/>) and the SHA-256 of
/// the previous line's text (null on the first line), so a line removed, changed or put in between shows.
/// </summary>
public sealed record DigestLine(int Format, DateOnly Date, DateTimeOffset WrittenAt, long Through, int Streams, string Root, string? Previous)
{
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToText() => JsonSerializer.Serialize(this, Json);

    public static DigestLine? Parse(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<DigestLine>(text, Json) is { Format: CurrentFormat, Root.Length: 64 } line ? line : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string HashOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>
/// The append-only file of daily digests, <c>stream-heads.jsonl</c> in <c>Escalation:Integrity:DigestFolder</c>. Lines
/// are only ever added, each under an exclusive lock of the file, so hosts sharing the folder never write a day twice.
/// </summary>
public sealed class DigestFile(string folder)
{
    public const string FolderSetting = "Escalation:Integrity:DigestFolder";
    public const string FileName = "stream-heads.jsonl";

    /// <summary>China Standard Time: a digest's day is the county's day.</summary>
    public static readonly TimeSpan China = TimeSpan.FromHours(8);

    private readonly SemaphoreSlim _writing = new(1, 1);

    public string Path { get; } = System.IO.Path.Combine(folder, FileName);

    /// <summary>
    /// The configured folder; else, with the built-in database, <c>digests</c> beside its cluster's folder. With a
    /// configured connection string there is no safe guess (the database may be on another machine), so it is required.
    /// </summary>
    public static string ResolveFolder(IConfiguration configuration)
    {
        var configured = configuration[FolderSetting];
        if (!string.IsNullOrWhiteSpace(configured))
            return System.IO.Path.GetFullPath(configured);
        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString(Database.ConnectionStringName)))
            throw new StartupException(
                $"{FolderSetting} must name the folder for the daily integrity digests when ConnectionStrings:{Database.ConnectionStringName} is given: " +
                "a folder outside the database, ideally on another machine or an append-only mount (see README, Tamper evidence).");
        var local = configuration.GetSection("Escalation:LocalDatabase").Get<LocalPostgresOptions>() ?? new LocalPostgresOptions();
        var cluster = System.IO.Path.GetFullPath(local.Directory ?? LocalPostgres.DefaultDirectory(Environment.IsPrivilegedProcess, local.ServiceAccount));
        return System.IO.Path.Combine(System.IO.Path.GetDirectoryName(cluster.TrimEnd(System.IO.Path.DirectorySeparatorChar))!, "digests");
    }

    /// <summary>Every line as written, in order; none when the file does not exist.</summary>
    public async Task<IReadOnlyList<string>> ReadAsync(CancellationToken ct)
    {
        if (!File.Exists(Path))
            return [];
        await using var stream = await OpenAsync(FileMode.Open, FileAccess.Read, ct);
        return Lines(await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync(ct));
    }

    /// <summary>
    /// Today's line: the one already there, or one appended now from <paramref name="heads"/>. The file stays locked
    /// from reading its last line to writing the new one.
    /// </summary>
    public async Task<DigestLine> AppendOncePerDayAsync(DateTimeOffset now, Func<CancellationToken, Task<HeadsDigest>> heads, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(now.ToOffset(China).DateTime);
        await _writing.WaitAsync(ct);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            await using var stream = await OpenAsync(FileMode.OpenOrCreate, FileAccess.ReadWrite, ct);
            var lines = Lines(await new StreamReader(stream, Encoding.UTF8, leaveOpen: true).ReadToEndAsync(ct));
            if (lines.Count > 0 && DigestLine.Parse(lines[^1]) is { } last && last.Date >= today)
                return last;

            var digest = await heads(ct);
            var line = new DigestLine(DigestLine.CurrentFormat, today, now.ToOffset(China), digest.Through, digest.Streams, digest.Root,
                lines.Count > 0 ? DigestLine.HashOf(lines[^1]) : null);
            stream.Seek(0, SeekOrigin.End);
            // A file whose last line lost its newline (a crash mid-write) still gets the new line on a line of its own.
            var separator = stream.Length > 0 && !EndsWithNewline(stream) ? "\n" : "";
            stream.Seek(0, SeekOrigin.End);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(separator + line.ToText() + "\n"), ct);
            await stream.FlushAsync(ct);
            stream.Flush(flushToDisk: true);
            return line;
        }
        finally
        {
            _writing.Release();
        }
    }

    private static bool EndsWithNewline(FileStream stream)
    {
        stream.Seek(-1, SeekOrigin.End);
        return stream.ReadByte() == '\n';
    }

    private static List<string> Lines(string text) =>
        [.. text.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0)];

    /// <summary>Opens the file exclusively; another process holding it (another host, a verification) is waited for.</summary>
    private async Task<FileStream> OpenAsync(FileMode mode, FileAccess access, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return new FileStream(Path, mode, access, FileShare.None);
            }
            catch (IOException) when (attempt < 100 && File.Exists(Path))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
            }
        }
    }
}
