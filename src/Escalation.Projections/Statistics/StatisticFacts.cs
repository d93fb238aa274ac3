using Escalation.Domain;
using Escalation.Domain.Closure;
using Escalation.Domain.Escalation;
using Escalation.Domain.Extension;
using Escalation.Domain.Intake;
using Escalation.Domain.Pause;
using Escalation.Domain.Rating;
using Escalation.Domain.Reference;
using Escalation.Domain.Resolution;
using Escalation.Domain.Timers;
using Escalation.Domain.Triage;
using Escalation.Domain.Whistle;

namespace Escalation.Projections.Statistics;

/// <summary>
/// A change to the counters of one cell: a day (China time), a unit, a department, a category. With no department the
/// unit is the party the counters measure; with one, the department is, and the unit is where the ticket lies.
/// </summary>
public sealed record CellDelta(DateOnly Day, string Unit, string? Department, string? Category, Counts Counts)
{
    public string Id => DailyCounts.IdOf(Day, Unit, Department, Category);
}

/// <summary>What one event adds to the statistics, given the ticket as it stood just before it.</summary>
public static class StatisticFacts
{
    public static readonly TimeSpan ChinaTime = TimeSpan.FromHours(8);

    /// <summary>The events that count for something; the others only change the ticket the later ones are read against.</summary>
    public static readonly Type[] CountedEvents =
    [
        typeof(TicketReported), typeof(TicketTriaged), typeof(TicketEscalated), typeof(TicketTransferred), typeof(TicketAccepted),
        typeof(TicketResolved), typeof(CitizenRated), typeof(TicketReopened), typeof(TicketClosed), typeof(WhistleBlown),
        typeof(DepartmentReportedIn), typeof(ReportInMissed), typeof(TicketReturned),
        typeof(ExtensionRequested), typeof(ExtensionApproved), typeof(ExtensionRefused),
        typeof(PauseRequested), typeof(PauseApproved), typeof(PauseRefused), typeof(TicketResumed),
        typeof(CallbackUnanswered), typeof(CitizenUnreachable), typeof(WarningLightLit),
        typeof(TicketReturnedToRaiser), typeof(MatterChanged),
    ];

    public static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(ChinaTime).DateTime);

    /// <param name="before">The ticket just before <paramref name="e"/>; null for the event that opens it.</param>
    public static IEnumerable<CellDelta> For(TicketView? before, object e)
    {
        if (e is TicketReported reported)
        {
            yield return new(Day(reported.At), reported.VillageCode, null, reported.CategoryCode, new Counts { Reported = 1 });
            yield break;
        }
        if (before is null)
            yield break;
        if (AirTime.IsBounce(before.State, e))
            yield return ForHolder(before, ((ITicketEvent)e).At, new Counts { Bounces = 1 });

        var category = before.CategoryCode;
        switch (e)
        {
            case TicketTriaged x:
                // A request is counted under the category it is known by: a new category moves it.
                if (x.CategoryCode != before.CategoryCode)
                {
                    var reportedOn = Day(before.ReportedAt);
                    yield return new(reportedOn, before.VillageCode, null, before.CategoryCode, new Counts { Reported = -1 });
                    yield return new(reportedOn, before.VillageCode, null, x.CategoryCode, new Counts { Reported = 1 });
                }
                yield return new(Day(x.At), x.HandlingUnitCode, null, x.CategoryCode, new Counts { Dispatched = 1 });
                break;
            case TicketEscalated x:
                yield return new(Day(x.At), x.ToUnitCode, null, category, new Counts { Dispatched = 1 });
                yield return ForHolder(before, x.At, new Counts
                {
                    EscalatedToTownship = x.ToTier == Tier.Township ? 1 : 0,
                    EscalatedToCounty = x.ToTier == Tier.County ? 1 : 0,
                    EscalatedToCountyLeader = x.ToTier == Tier.CountyLeader ? 1 : 0,
                });
                break;
            case TicketTransferred x:
                yield return new(Day(x.At), before.HoldingUnitCode, x.DepartmentCode, category, new Counts { Dispatched = 1 });
                break;
            case TicketAccepted x:
                var accept = before.Clocks.FirstOrDefault(c => c.Running && c.Clock == Clock.Accept);
                yield return ForHolder(before, x.At, new Counts
                {
                    Accepted = 1, AcceptedInTime = accept is null || x.At <= accept.Deadline ? 1 : 0,
                    SignForSeconds = before.Air.DispatchedToHolderAt is { } dispatched ? [(long)(x.At - dispatched).TotalSeconds] : [],
                    Flights = before.Air.InTheAirSince is null ? 0 : 1,
                    AirSeconds = before.Air.InTheAirSince is { } since ? (long)(x.At - since).TotalSeconds : 0,
                });
                break;
            case TicketResolved x:
                yield return ForHolder(before, x.At, new Counts { Resolved = 1 });
                break;
            case CitizenRated x:
                yield return ForHolder(before, x.At, new Counts
                {
                    Rated = 1, Satisfied = x.Satisfaction == Satisfaction.Unsatisfied ? 0 : 1,
                    SolvedAsked = x.Solved is null ? 0 : 1, ConfirmedSolved = x.Solved == true ? 1 : 0,
                });
                break;
            case TicketReopened x:
                yield return ForHolder(before, x.At, new Counts { Reopened = 1 });
                break;
            case TicketClosed x:
                yield return ForHolder(before, x.At, new Counts
                {
                    Closed = 1, ClosedInTime = before.ResolvedLate ? 0 : 1,
                    ClosedSatisfied = before.Rating is Satisfaction.Satisfied or Satisfaction.BasicallySatisfied ? 1 : 0,
                    ClosedBySystem = x.Because is ClosedBecause.RatingWindowExpired or ClosedBecause.Unreachable && x.By == Domain.Actor.System ? 1 : 0,
                    ClosedUnreachable = x.Because == ClosedBecause.Unreachable ? 1 : 0,
                });
                break;
            case WhistleBlown x:
                yield return new(Day(x.At), x.BlownByUnitCode, null, category, new Counts { Whistles = 1 });
                foreach (var department in x.DepartmentCodes)
                    yield return new(Day(x.At), x.BlownByUnitCode, department, category, new Counts { Summoned = 1 });
                break;
            case DepartmentReportedIn x:
                var whistle = before.Whistles.Single(w => w.Id == x.WhistleId);
                yield return new(Day(x.At), whistle.BlownBy, x.DepartmentCode, category,
                    new Counts { ReportedIn = 1, ReportInSeconds = (long)(x.At - whistle.BlownAt).TotalSeconds });
                break;
            case ReportInMissed x:
                yield return new(Day(x.At), before.Whistles.Single(w => w.Id == x.WhistleId).BlownBy, x.DepartmentCode, category,
                    new Counts { ReportInsMissed = 1 });
                break;
            case TicketReturned { WhistleId: { } whistleId } x:
                yield return new(Day(x.At), before.Whistles.Single(w => w.Id == whistleId).BlownBy, x.ReturnedBy, category, new Counts { Returned = 1 });
                yield return new(Day(x.At), x.CountedAgainst, null, category, new Counts { ReturnsCountedAgainst = 1 });
                break;
            case TicketReturned x:
                yield return ForHolder(before, x.At, new Counts { Returned = 1 });
                yield return new(Day(x.At), x.CountedAgainst, null, category, new Counts { ReturnsCountedAgainst = 1 });
                break;
            case ExtensionRequested x:
                yield return ForLimitHolder(before, x.Holder, x.At, new Counts { ExtensionsRequested = 1 });
                break;
            case ExtensionApproved x:
                yield return ForLimitHolder(before, x.Holder, x.At, new Counts { ExtensionsApproved = 1 });
                break;
            case ExtensionRefused x:
                yield return ForLimitHolder(before, x.Holder, x.At, new Counts { ExtensionsRefused = 1 });
                break;
            case PauseRequested x:
                yield return ForHolder(before, x.At, new Counts { PausesRequested = 1 });
                break;
            case PauseApproved x:
                yield return ForHolder(before, x.At, new Counts { PausesApproved = 1 });
                break;
            case PauseRefused x:
                yield return ForHolder(before, x.At, new Counts { PausesRefused = 1 });
                break;
            case TicketResumed x:
                yield return ForHolder(before, x.At, new Counts { PausedSeconds = (long)(x.At - x.PausedSince).TotalSeconds });
                break;
            case CallbackUnanswered x:
                yield return ForHolder(before, x.At, new Counts { CallbacksUnanswered = 1 });
                break;
            case CitizenUnreachable x:
                yield return ForHolder(before, x.At, new Counts { Unreachable = 1 });
                break;
            case MatterChanged x:
                // As a triage that names another matter: the request is counted under the category it is now known by.
                yield return new(Day(before.ReportedAt), before.VillageCode, null, x.FromCategoryCode, new Counts { Reported = -1 });
                yield return new(Day(before.ReportedAt), before.VillageCode, null, x.ToCategoryCode, new Counts { Reported = 1 });
                break;
            case TicketReturnedToRaiser x:
                yield return new(Day(x.At), x.ToUnitCode, null, category, new Counts { Dispatched = 1 });
                break;
            case WarningLightLit { Light: Light.Red } x when before.State.FindLimit(x.Clock, x.Holder, x.Deadline, x.WhistleId) is { Lit: not Light.Red }:
                yield return Missed(before, x);
                break;
        }
    }

    /// <summary>Counts for the holder of a limit: a department (a summoned one, or the ticket's holder) in the unit holding the ticket, or a unit.</summary>
    private static CellDelta ForLimitHolder(TicketView ticket, string holder, DateTimeOffset at, Counts counts) =>
        holder == ticket.HoldingUnitCode
            ? new(Day(at), holder, null, ticket.CategoryCode, counts)
            : new(Day(at), ticket.HoldingUnitCode, holder, ticket.CategoryCode, counts);
    /// <summary>
    /// A deadline missed, counted where it was missed: for the holder of the limit on the day of its red light, so it stays
    /// counted after the ticket climbs. A report-in limit is its department's, in the unit that blew the whistle; a
    /// department's other limits are its own in the unit holding the ticket; a late callback is the callback desk's.
    /// </summary>
    private static CellDelta Missed(TicketView before, WarningLightLit x)
    {
        var category = before.CategoryCode;
        if (x.Clock == Clock.Callback)
            return new(Day(x.At), x.Holder, null, category, new Counts { CallbacksLate = 1 });
        if (x.Clock == Clock.ReportIn)
            return new(Day(x.At), before.Whistles.Single(w => w.Id == x.WhistleId).BlownBy, x.Holder, category, new Counts { MissedDeadlines = 1 });
        return x.Holder == before.HoldingDepartmentCode
            ? new(Day(x.At), before.HoldingUnitCode, x.Holder, category, new Counts { MissedDeadlines = 1 })
            : new(Day(x.At), x.Holder, null, category, new Counts { MissedDeadlines = 1 });
    }

    /// <summary>Counts for whoever holds the ticket: its department, in the unit holding it, or else that unit.</summary>
    private static CellDelta ForHolder(TicketView ticket, DateTimeOffset at, Counts counts) =>
        new(Day(at), ticket.HoldingUnitCode, ticket.HoldingDepartmentCode, ticket.CategoryCode, counts);
}
