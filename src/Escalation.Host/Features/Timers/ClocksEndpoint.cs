using System.Globalization;
using Escalation.Domain;
using Escalation.Domain.Escalation;
using Escalation.Domain.Reference;
using Escalation.Domain.Timers;
using Escalation.Host.Api;
using Escalation.Host.WebConsole;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Timers;

/// <summary>One clock that ran on the ticket, as the API names it, with its story in sentences of the caller's language.</summary>
public sealed record ClockExplanation(
    string Clock,
    string Holder,
    Guid? WhistleId,
    string State,
    string? Light,
    DateTimeOffset StartedAt,
    DateTimeOffset Deadline,
    string Measure,
    IReadOnlyList<string> Sentences);

/// <summary>
/// <c>GET /api/tickets/{id}/clocks</c>: each clock that ever ran on the ticket, why it stands where it does. Seen by
/// whoever may see the ticket; Chinese by default, English when the request's Accept-Language prefers it.
/// </summary>
public static class ClocksEndpoint
{
    [ProducesResponseType<IReadOnlyList<ClockExplanation>>(StatusCodes.Status200OK)]
    [WolverineGet("/api/tickets/{id}/clocks")]
    public static async Task<IResult> Get(Guid id, HttpContext http, IQuerySession session, ReferenceData reference, Texts texts)
    {
        if (await Access.LoadVisibleAsync(session, http.User, id, reference, http.RequestAborted) is null)
            return Problems.NoSuchTicket(id);

        // The console's request localisation does not run under /api: the header decides here.
        var english = http.Request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .FirstOrDefault()?.Value.Value?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(english ? "en" : "zh-CN");
        var stories = await StoriesAsync(session, id, http.RequestAborted);
        return Results.Ok(stories.Select(s => new ClockExplanation(
            Fields.Name(s.Clock), s.Holder, s.WhistleId, Fields.Name(s.State), s.Lit is { } lit ? Fields.Name(lit) : null,
            s.StartedAt, s.Deadline, Fields.Name(s.Measure), ClockSentences.Of(s, texts, reference))).ToList());
    }

    public static async Task<IReadOnlyList<ClockStory>> StoriesAsync(IQuerySession session, Guid id, CancellationToken ct) =>
        ClockStories.Of((await session.Events.FetchStreamAsync(id, token: ct)).Select(e => e.Data));
}

/// <summary>A clock's story told in the console's words (<see cref="Texts"/>, zh and en), times in China time.</summary>
public static class ClockSentences
{
    public static IReadOnlyList<string> Of(ClockStory story, Texts t, ReferenceData reference)
    {
        var sentences = new List<string>
        {
            t.Format("explain.limit", t.Moment(story.StartedAt), t.Moment(story.FirstDeadline), t[$"explain.{Fields.Name(story.Measure)}"]),
            Origin(story, t, reference),
        };
        // The rule's figure and setting, and the reference data version the decision read; limits recorded before these were kept name neither.
        if (story.Rule is { } rule)
            sentences.Add(t.Format("explain.rule", story.ConfiguredLimit is { } limit ? LimitText(limit, t) : "", rule));
        if (story.ReferenceVersion is { } version)
            sentences.Add(t.Format("explain.version", version));
        var awaiting = "";
        foreach (var step in story.Steps)
        {
            var at = t.Moment(step.At);
            var by = step.By == Actor.System ? t["explain.system"] : t.Unit(step.By.UnitCode);
            if (step.Kind == ClockStepKind.Paused)
                awaiting = step.Awaiting is { } a ? t.Of(a) : "";
            sentences.Add(step.Kind switch
            {
                ClockStepKind.Lit => t.Format("explain.lit", at, t.Of(step.Light!.Value)),
                ClockStepKind.ExtensionRequested => t.Format("explain.extensionRequested", at, by, t.Moment(step.Deadline!.Value), step.Reason),
                ClockStepKind.ExtensionApproved => t.Format("explain.extensionApproved", at, by, t.Moment(step.Deadline!.Value)),
                ClockStepKind.ExtensionRefused => t.Format("explain.extensionRefused", at, by, step.Reason),
                ClockStepKind.Paused => t.Format("explain.paused", at, awaiting, t.Moment(step.Deadline!.Value), step.Reason),
                ClockStepKind.Resumed when step.Deadline is { } due => t.Format("explain.resumed", at, t.Duration(step.Length!.Value), awaiting, t.Moment(due)),
                ClockStepKind.Resumed => t.Format("explain.resumedOnly", at, t.Duration(step.Length!.Value), awaiting),
                ClockStepKind.Reset => t.Format("explain.reset", at, t.Moment(step.Deadline!.Value)),
                ClockStepKind.Urged => t.Format("explain.urged", at),
                ClockStepKind.ReportInMissed => t.Format("explain.reportInMissed", at, t.Unit(story.Holder)),
                ClockStepKind.Stopped when step.Escalation == EscalationReason.DeadlineMissed => t.Format("explain.escalatedLate", at, t.Unit(step.ToUnitCode)),
                ClockStepKind.Stopped when step.ToUnitCode is not null => t.Format("explain.escalated", at, by, t.Unit(step.ToUnitCode)),
                _ => t.Format("explain.stopped", at, by, t[$"event.{step.Event}"]),
            });
        }
        sentences.Add(Verdict(story, t));
        return sentences;
    }

    /// <summary>A limit as the county's file writes it ("1 working day"), in the reader's language.</summary>
    private static string LimitText(string limit, Texts t)
    {
        if (Texts.English || !TimeLimit.TryParse(limit, out var parsed))
            return limit;
        if (parsed.Measure == TimeLimitMeasure.WorkingDays)
            return $"{parsed.Days}个工作日";
        var working = parsed.Measure == TimeLimitMeasure.WorkingTime ? "工作" : "";
        var length = parsed.Length;
        if (working.Length == 0 && length.Ticks % TimeSpan.TicksPerDay == 0)
            return $"{(int)length.TotalDays}天";
        if (length.Ticks % TimeSpan.TicksPerHour == 0)
            return $"{(long)length.TotalHours}个{working}小时";
        return length.Ticks % TimeSpan.TicksPerMinute == 0 ? $"{(long)length.TotalMinutes}{working}分钟" : limit;
    }

    /// <summary>What the ticket was when the limit started: the limit's policy reads these (tier, matter class, urgency); the event names none of them.</summary>
    private static string Origin(ClockStory story, Texts t, ReferenceData reference)
    {
        var parts = new List<string>();
        if (story.Tier is { } tier)
            parts.Add(t.Format("explain.tier", t[$"explain.tier.{Fields.Name(tier)}"]));
        parts.Add(reference.FindMatter(story.CategoryCode) is { } matter
            ? t.Format("explain.matter", t.Matter(matter.Code), t[$"explain.class.{Fields.Name(matter.TimeLimit)}"])
            : t["uncategorised"]);
        parts.Add(t.Format("explain.urgency", t.Of(story.Urgency)));
        return t.Format("explain.origin", string.Join(t["explain.and"], parts));
    }

    private static string Verdict(ClockStory story, Texts t) => story switch
    {
        { Escalated: true } => t["explain.verdict.escalated"],
        { State: ClockState.Paused } => t["explain.verdict.paused"],
        { State: ClockState.Running, Lit: Light.Red } or { State: ClockState.Stopped, Lit: Light.Red } =>
            story.Steps.Any(s => s.Kind == ClockStepKind.Urged) ? t["explain.verdict.urged"]
            : story.Clock is Clock.Accept or Clock.Resolve ? t["explain.verdict.notEscalated"]
            : t["explain.verdict.lightsOnly"],
        { State: ClockState.Running } => t.Format("explain.verdict.running", t.Moment(story.Deadline)),
        _ => t["explain.verdict.inTime"],
    };
}
