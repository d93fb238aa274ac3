using Escalation.Domain.Organisation;
using Escalation.Domain.Reference;
using Escalation.Domain.Timers;

namespace Escalation.Host.Organisation;

/// <summary>The county as it stood at one version of its stream: the file and the reference data read from it.</summary>
public sealed record CountySnapshot(long Version, CountyFile File, ReferenceData Reference);

/// <summary>
/// The county's reference data in force on this node: the latest snapshot of the county's stream, swapped whole when a
/// change is committed here or announced by another node (<see cref="CountyListener"/>). Reading it is one field read, so
/// every request and every decision (a timer batch too) takes the current one at no cost; what one decision reads is one
/// snapshot throughout.
/// </summary>
public sealed class CountyReference
{
    private CountySnapshot _snapshot;

    /// <param name="startup">The county file read at start-up: in force until the county's stream is read.</param>
    public CountyReference(ReferenceData startup)
    {
        Calendar = startup.TimeLimits.Calendar;
        _snapshot = new CountySnapshot(0, CountyFile.Fold([]), startup);
    }

    /// <summary>The business calendar (its own files, not the county's stream), attached to every snapshot's time limits.</summary>
    public BusinessCalendar Calendar { get; }

    public CountySnapshot Snapshot => Volatile.Read(ref _snapshot);

    public ReferenceData Current => Snapshot.Reference;

    /// <summary>The county at a version of its stream, read with the calendar attached.</summary>
    public CountySnapshot Read(long version, CountyFile file) =>
        new(version, file, file.Read(version).WithCalendar(Calendar));

    /// <summary>Puts a snapshot in force unless a newer one already is (two refreshes may finish out of order).</summary>
    public void Offer(CountySnapshot snapshot)
    {
        var seen = Volatile.Read(ref _snapshot);
        while (snapshot.Version > seen.Version)
        {
            var found = Interlocked.CompareExchange(ref _snapshot, snapshot, seen);
            if (ReferenceEquals(found, seen))
                return;
            seen = found;
        }
    }
}
