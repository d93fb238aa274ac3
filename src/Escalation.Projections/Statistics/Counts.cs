namespace Escalation.Projections.Statistics;

/// <summary>
/// The counters of the reported figures. Each counts for a party: the unit or department whose work it measures
/// (see <see cref="StatisticFacts"/>); the rates are computed from them when asked (README, "Metrics").
/// </summary>
public sealed class Counts
{
    public int Reported { get; set; }
    public int Dispatched { get; set; }
    public int Accepted { get; set; }
    public int AcceptedInTime { get; set; }
    public int Resolved { get; set; }
    public int Closed { get; set; }
    public int ClosedInTime { get; set; }
    public int Rated { get; set; }

    /// <summary>Rated satisfied or basically satisfied.</summary>
    public int Satisfied { get; set; }

    public int Reopened { get; set; }
    public int EscalatedToTownship { get; set; }
    public int EscalatedToCounty { get; set; }
    public int EscalatedToCountyLeader { get; set; }
    public int Whistles { get; set; }
    public int Summoned { get; set; }
    public int ReportedIn { get; set; }

    /// <summary>The time from whistle to report-in, summed over the report-ins.</summary>
    public long ReportInSeconds { get; set; }

    public int ReportInsMissed { get; set; }

    /// <summary>Tickets and summonses the party sent back as mis-dispatched.</summary>
    public int Returned { get; set; }

    /// <summary>Returns of the party's own dispatches and whistles (TicketReturned.CountedAgainst).</summary>
    public int ReturnsCountedAgainst { get; set; }

    /// <summary>Extensions (延期) the party asked for, and how many of its requests were approved and refused.</summary>
    public int ExtensionsRequested { get; set; }
    public int ExtensionsApproved { get; set; }
    public int ExtensionsRefused { get; set; }

    /// <summary>Pauses (挂起) the party asked for, approved and refused, and the time its pauses lasted, counted when each resumed.</summary>
    public int PausesRequested { get; set; }
    public int PausesApproved { get; set; }
    public int PausesRefused { get; set; }
    public long PausedSeconds { get; set; }
    // The callback desk and closing on time (docs/callback.md).

    /// <summary>Closed cases whose latest rating was satisfied or basically satisfied: satisfaction per closed case.</summary>
    public int ClosedSatisfied { get; set; }

    /// <summary>Closed by the system: the rating window ended, or the citizen was unreachable.</summary>
    public int ClosedBySystem { get; set; }

    public int ClosedUnreachable { get; set; }
    public int CallbacksUnanswered { get; set; }

    /// <summary>Citizens found unreachable at the callback: counted apart from the ratings.</summary>
    public int Unreachable { get; set; }

    /// <summary>Ratings in which the citizen was asked whether it was solved (解决), and of those, said it was.</summary>
    public int SolvedAsked { get; set; }

    public int ConfirmedSolved { get; set; }

    /// <summary>Deadlines missed (red lights to accept, resolve, report in), counted for the holder that missed them, on the day.</summary>
    public int MissedDeadlines { get; set; }

    /// <summary>Callbacks not made within the callback limit.</summary>
    public int CallbacksLate { get; set; }
    // Time in the air (AirTime).

    /// <summary>Returns, transfers and escalations of tickets the party held and had not signed for since their dispatch.</summary>
    public int Bounces { get; set; }

    /// <summary>Each sign-for's time since the ticket was dispatched to the party, in seconds: the percentiles need every one.</summary>
    public List<long> SignForSeconds { get; set; } = [];

    /// <summary>Flights ended by the party's sign-for, and their time in the air in all, from the flight's first dispatch.</summary>
    public int Flights { get; set; }

    public long AirSeconds { get; set; }

    public void Add(Counts other)
    {
        Reported += other.Reported;
        Dispatched += other.Dispatched;
        Accepted += other.Accepted;
        AcceptedInTime += other.AcceptedInTime;
        Resolved += other.Resolved;
        Closed += other.Closed;
        ClosedInTime += other.ClosedInTime;
        Rated += other.Rated;
        Satisfied += other.Satisfied;
        Reopened += other.Reopened;
        EscalatedToTownship += other.EscalatedToTownship;
        EscalatedToCounty += other.EscalatedToCounty;
        EscalatedToCountyLeader += other.EscalatedToCountyLeader;
        Whistles += other.Whistles;
        Summoned += other.Summoned;
        ReportedIn += other.ReportedIn;
        ReportInSeconds += other.ReportInSeconds;
        ReportInsMissed += other.ReportInsMissed;
        Returned += other.Returned;
        ReturnsCountedAgainst += other.ReturnsCountedAgainst;
        ExtensionsRequested += other.ExtensionsRequested;
        ExtensionsApproved += other.ExtensionsApproved;
        ExtensionsRefused += other.ExtensionsRefused;
        PausesRequested += other.PausesRequested;
        PausesApproved += other.PausesApproved;
        PausesRefused += other.PausesRefused;
        PausedSeconds += other.PausedSeconds;
        ClosedSatisfied += other.ClosedSatisfied;
        ClosedBySystem += other.ClosedBySystem;
        ClosedUnreachable += other.ClosedUnreachable;
        CallbacksUnanswered += other.CallbacksUnanswered;
        Unreachable += other.Unreachable;
        SolvedAsked += other.SolvedAsked;
        ConfirmedSolved += other.ConfirmedSolved;
        MissedDeadlines += other.MissedDeadlines;
        CallbacksLate += other.CallbacksLate;
        Bounces += other.Bounces;
        SignForSeconds.AddRange(other.SignForSeconds);
        Flights += other.Flights;
        AirSeconds += other.AirSeconds;
    }
}
