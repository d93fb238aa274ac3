using Escalation.Projections.Integrity;
using Marten;

namespace Escalation.Host.Features.Integrity;

/// <summary>The first digest line the database or the file no longer agrees with.</summary>
/// <param name="Line">The line's number in the file, from 1; 0 when the file has no digest at all.</param>
/// <param name="Reason">
/// <c>heads</c> (the streams recomputed from the events as of the line's <c>through</c> give another count or root),
/// <c>file-chain</c> (the line's <c>previous</c> is not the hash of the line before it: a line was changed, removed or
/// put in between), <c>unreadable</c> (not a digest line), <c>out-of-order</c> (it covers less than the line before)
/// or <c>no-digests</c>.
/// </param>
public sealed record DigestMismatch(int Line, DateOnly? Date, string Reason, long? Through, int? DigestStreams, int? ActualStreams, string? DigestRoot, string? ActualRoot);

/// <param name="Digests">The lines in the file.</param>
/// <param name="Through">The last event sequence number the last digest covers: later events are covered only by their chains.</param>
public sealed record DigestVerification(bool Valid, string File, int Digests, long Through, DigestMismatch? FirstMismatch);

public static class DigestVerifier
{
    /// <summary>Checks the file's own chain, then recomputes the heads as of every line it can trust, in one pass over the events.</summary>
    public static async Task<DigestVerification> VerifyAsync(DigestFile file, IQuerySession session, CancellationToken ct)
    {
        var texts = await file.ReadAsync(ct);
        var lines = new List<DigestLine>();
        DigestMismatch? fileMismatch = texts.Count == 0 ? new DigestMismatch(0, null, "no-digests", null, null, null, null, null) : null;
        for (var i = 0; i < texts.Count && fileMismatch is null; i++)
        {
            var line = DigestLine.Parse(texts[i]);
            var previous = i == 0 ? null : DigestLine.HashOf(texts[i - 1]);
            fileMismatch = line switch
            {
                null => new DigestMismatch(i + 1, null, "unreadable", null, null, null, null, null),
                _ when line.Previous != previous => Mismatch(i, line, "file-chain"),
                _ when lines.Count > 0 && line.Through < lines[^1].Through => Mismatch(i, line, "out-of-order"),
                _ => null,
            };
            if (fileMismatch is null)
                lines.Add(line!);
        }

        DigestMismatch? headsMismatch = null;
        await StreamHeads.ReplayAsync(session, [.. lines.Select(l => l.Through)], (i, heads) =>
        {
            if (heads.Streams == lines[i].Streams && heads.Root == lines[i].Root)
                return true;
            headsMismatch = Mismatch(i, lines[i], "heads") with { ActualStreams = heads.Streams, ActualRoot = heads.Root };
            return false;
        }, ct);

        var first = headsMismatch ?? fileMismatch;
        return new DigestVerification(first is null, file.Path, texts.Count, lines.Count > 0 ? lines[^1].Through : 0, first);
    }

    private static DigestMismatch Mismatch(int index, DigestLine line, string reason) =>
        new(index + 1, line.Date, reason, line.Through, line.Streams, null, line.Root, null);
}
