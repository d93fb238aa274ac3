using System.Globalization;
using System.Text.RegularExpressions;
using Escalation.Domain.Closure;
using Escalation.Domain.Escalation;
using Escalation.Domain.Extension;
using Escalation.Domain.Intake;
using Escalation.Domain.Merging;
using Escalation.Domain.Pause;
using Escalation.Domain.Rating;
using Escalation.Domain.Resolution;
using Escalation.Domain.Supervision;
using Escalation.Domain.Timers;
using Escalation.Domain.Triage;
using Escalation.Domain.Whistle;
using Escalation.Domain.Withdrawal;

namespace Escalation.Host.WebConsole;

/// <summary>What an auditor needs to read of each event on the timeline, in the user's language.</summary>
public static partial class EventDetails
{
    public static string Describe(object e, Texts t) => e switch
    {
        TicketReported x => $"{t.Of(x.Channel)} · {t.Place(x.GridCode ?? x.VillageCode)} · {t.Matter(x.CategoryCode)} — {t.Supplied(x.Description)}",
        TicketTriaged x => $"{t.Matter(x.CategoryCode)} · {t.Format("detail.to", t.Unit(x.HandlingUnitCode))}",
        TicketReturned x => $"{t.Format("detail.to", t.Unit(x.BackToUnitCode))} — {(x.ReasonCode is { } code ? $"{t.Of(code)} · " : "")}{x.Reason}",
        TicketEscalated x => $"{t.Of(x.Reason)} · {t.Unit(x.FromUnitCode)} → {t.Unit(x.ToUnitCode)}{Note(Timers(x.Note, t))}",
        TicketTransferred x => t.Format("detail.to", t.Unit(x.DepartmentCode)),
        WhistleBlown x => $"{t.Format("detail.departments", string.Join("、", x.DepartmentCodes.Select(t.Unit)))} — {x.Reason}",
        DepartmentReportedIn x => $"{t.Unit(x.DepartmentCode)} · {t[x.OnSite ? "ticket.onSite" : "ticket.remote"]}{Note(x.Note)}",
        ProgressNoted x => x.Note,
        TicketResolved x => x.Summary,
        CitizenRated x => $"{t.Of(x.Satisfaction)}{Note(t.Supplied(x.Comment))}",
        TicketReopened x => x.Reason,
        TicketUrged x => x.Note == CheckTimeLimit.TopTierSupervision ? t["detail.topTierSupervision"] : x.Note,
        TicketClosed x => $"{t.Of(x.Because)}{Note(x.Note)}",
        TicketMergedInto x => x.MasterTicketId.ToString(),
        DuplicateAttached x => x.DuplicateTicketId.ToString(),
        TicketWithdrawn x => t.Supplied(x.Reason) ?? "",
        TimeLimitStarted x => t.Format("detail.deadline", $"{t.Of(x.Clock)} · {t.Unit(x.Holder)}", Texts.Time(x.Deadline)),
        WarningLightLit x => t.Format("detail.light", t.Of(x.Light), $"{t.Of(x.Clock)} · {t.Unit(x.Holder)}", Texts.Time(x.Deadline)),
        ReportInMissed x => $"{t.Unit(x.DepartmentCode)} → {t.Unit(x.RaisedToUnitCode)}",
        ExtensionRequested x => $"{t.Format("detail.extension", $"{t.Of(x.Clock)} · {t.Unit(x.Holder)}", Texts.Time(x.RequestedDeadline))} — {x.Reason}",
        ExtensionApproved x => $"{t.Format("detail.extension", $"{t.Of(x.Clock)} · {t.Unit(x.Holder)}", Texts.Time(x.NewDeadline))}{Note(x.Note)}",
        ExtensionRefused x => $"{t.Of(x.Clock)} · {t.Unit(x.Holder)} — {x.Reason}",
        PauseRequested x => $"{t.Format("detail.pause", t.Of(x.Awaiting), Texts.Time(x.Until))} — {x.Reason}",
        PauseApproved x => $"{t.Format("detail.pause", t["ticket.paused"], Texts.Time(x.Until))}{Note(x.Note)}",
        PauseRefused x => x.Reason,
        TicketResumed x => $"{t.Format("detail.paused", t.Duration(x.At - x.PausedSince))}{Note(x.Note)}",
        CallbackUnanswered x => $"{t.Format("ticket.unanswered", x.Attempt)}{Note(x.Note)}",
        CitizenUnreachable x => t.Format("ticket.unreachable", x.Attempts),
        _ => "",
    };

    /// <summary>
    /// The timers write their note in the domain's words ("Accept deadline 2026-12-01T08:37:05.8+00:00 missed"): the
    /// reader gets it in their language, in China time to the second.
    /// </summary>
    private static string? Timers(string? note, Texts t) =>
        note is not null && TimerNote().Match(note) is { Success: true } match
        && Enum.TryParse<Clock>(match.Groups[1].Value, out var clock)
        && DateTimeOffset.TryParse(match.Groups[2].Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var deadline)
            ? t.Format("detail.deadlineMissed", t.Of(clock), t.Moment(deadline))
            : note;

    [GeneratedRegex(@"^(\w+) deadline (\S+) missed$")]
    private static partial Regex TimerNote();

    private static string Note(string? note) => string.IsNullOrWhiteSpace(note) ? "" : $" — {note}";
}
