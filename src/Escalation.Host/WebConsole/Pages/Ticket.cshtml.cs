using Escalation.Domain.Reference;
using Escalation.Domain.Timers;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Escalation.Host.Features.Closure;
using Escalation.Host.Features.Escalation;
using Escalation.Host.Features.Joint;
using Escalation.Host.Features.Extension;
using Escalation.Host.Features.Merging;
using Escalation.Host.Features.Pause;
using Escalation.Host.Features.Privacy;
using Escalation.Host.Features.Rating;
using Escalation.Host.Features.Resolution;
using Escalation.Host.Features.Supervision;
using Escalation.Host.Features.Tickets;
using Escalation.Host.Features.Timers;
using Escalation.Host.Features.Triage;
using Escalation.Host.Features.Whistle;
using Escalation.Host.Features.Withdrawal;
using Escalation.Projections;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Escalation.Host.WebConsole.Pages;

/// <summary>One ticket: what was asked, where it stands, its clocks and whistles, and the actions the user may take.</summary>
public sealed class TicketModel(
    IQuerySession session, ReferenceData reference, ConsoleCommands commands, Texts texts, TimeProvider clock, TicketQueues queues, PersonalDataLog log) : ConsolePage
{
    public const int MaxDuplicates = 5;

    public TicketView Ticket { get; private set; } = null!;

    public CitizenDetails? Citizen { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public OfferedAction? Posted { get; private set; }

    public FormErrors? Errors { get; private set; }

    /// <summary>After a conflict: who acted last, when, and what they did.</summary>
    public (string UserId, DateTimeOffset At, string Event)? LastAct { get; private set; }

    /// <summary>The caller's earlier tickets from the same phone (repeat calls), for those who may see phones.</summary>
    public IReadOnlyList<TicketView> SamePhone { get; private set; } = [];

    /// <summary>Open tickets of the same matter in the same grid (or village): each may be the master of this one.</summary>
    public IReadOnlyList<TicketView> Duplicates { get; private set; } = [];

    /// <summary>Each clock that ran on the ticket, told in sentences (GET /api/tickets/{id}/clocks).</summary>
    public IReadOnlyList<(ClockStory Story, IReadOnlyList<string> Sentences)> Explained { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id) => await ShowAsync(id) ? Page() : NoSuchTicket();

    /// <summary>A row's action forms, loaded when the inbox row's actions are opened.</summary>
    public async Task<IActionResult> OnGetActionsAsync(Guid id, string? returnUrl)
    {
        if (await Access.LoadVisibleAsync(session, User, id, reference, HttpContext.RequestAborted) is not { } view)
            return NoSuchTicket();
        return Partial("Shared/_Actions", new Shared.ActionsModel(view, Back(returnUrl, "/inbox"), null, null, Open: true));
    }

    public Task<IActionResult> OnPostTriageAsync(Guid id, long? version, string? returnUrl, TriageRequest request) =>
        RunAsync(id, version, returnUrl, new OfferedAction("triage"), TriageEndpoint.Plan(id, request));

    public Task<IActionResult> OnPostAcceptAsync(Guid id, long? version, string? returnUrl) =>
        RunAsync(id, version, returnUrl, new OfferedAction("accept"), AcceptEndpoint.Plan(id));

    public Task<IActionResult> OnPostReturnAsync(Guid id, long? version, string? returnUrl, ReturnRequest request) =>
        RunAsync(id, version, returnUrl, new OfferedAction("return"), ReturnEndpoint.Plan(id, request));

    public Task<IActionResult> OnPostEscalateAsync(Guid id, long? version, string? returnUrl, EscalateRequest request) =>
        RunAsync(id, version, returnUrl, new OfferedAction("escalate"), EscalateEndpoint.Plan(id, request));

    public Task<IActionResult> OnPostWhistleAsync(Guid id, long? version, string? returnUrl, BlowWhistleRequest request) =>
        RunAsync(id, version, returnUrl, new OfferedAction("whistle"), BlowWhistleEndpoint.Plan(id, Guid.CreateVersion7(), request));

    public Task<IActionResult> OnPostReportInAsync(Guid id, Guid whistleId, long? version, string? returnUrl, ReportInRequest request) =>
        RunAsync(id, version, returnUrl, new OfferedAction("reportIn", whistleId), ReportInEndpoint.Plan(id, whistleId, request));

    public Task<IActionResult> OnPostReturnSummonsAsync(Guid id, Guid whistleId, long? version, string? returnUrl, ReasonRequest request) =>
        RunAsync(id, version, returnUrl, new OfferedAction("returnSummons", whistleId), ReturnSummonsEndpoint.Plan(id, whistleId, request));

    public Task<IActionResult> OnPostProgressAsync(Guid id, long? version, string? returnUrl, NoteRequest request) =>
        RunAsync(id, version, returnUrl, new OfferedAction("progress"), ProgressEndpoint.Plan(id, request));

    public Task<IActionResult> OnPostResolveAsync(Guid id, long? version, string? returnUrl, ResolveRequest request) =>
        RunAsync(id, version, returnUrl, new OfferedAction("resolve"), ResolveEndpoint.Plan(id, request));

    public Task<IActionResult> OnPostRateAsync(Guid id, long? version, string? returnUrl, RateRequest request) =>
        RunAsync(id, version, returnUrl, new OfferedAction("rate"), RateEndpoint.Plan(id, request));

    public Task<IActionResult> OnPostCloseAsync(Guid id, long? version, string? returnUrl, NoteRequest request) =>
        RunAsync(id, version, returnUrl, new OfferedAction("close"), CloseEndpoint.Plan(id, request));

    public Task<IActionResult> OnPostRequestExtensionAsync(Guid id, long? version, string? returnUrl, ExtendRequest request) =>
        RunAsync(id, version, returnUrl, new OfferedAction("requestExtension"), RequestExtensionEndpoint.Plan(id, request));

    public Task<IActionResult> OnPostReviewExtensionAsync(Guid id, long? version, string? returnUrl, ReviewRequest request) =>
        RunAsync(id, version, returnUrl, new OfferedAction("reviewExtension"), ReviewExtensionEndpoint.Plan(id, request));

    public Task<IActionResult> OnPostRequestPauseAsync(Guid id, long? version, string? returnUrl, PauseTicketRequest request) =>
        RunAsync(id, version, returnUrl, new OfferedAction("requestPause"), RequestPauseEndpoint.Plan(id, request));

    public Task<IActionResult> OnPostReviewPauseAsync(Guid id, long? version, string? returnUrl, ReviewRequest request) =>
        RunAsync(id, version, returnUrl, new OfferedAction("reviewPause"), ReviewPauseEndpoint.Plan(id, request));

    public Task<IActionResult> OnPostResumeAsync(Guid id, long? version, string? returnUrl, NoteRequest request) =>
        RunAsync(id, version, returnUrl, new OfferedAction("resume"), ResumeEndpoint.Plan(id, request));
    public Task<IActionResult> OnPostCallBackAsync(Guid id, long? version, string? returnUrl, NoteRequest request) =>
        RunAsync(id, version, returnUrl, new OfferedAction("callBack"), CallbackAttemptEndpoint.Plan(id, request));

    public Task<IActionResult> OnPostTransferAsync(Guid id, long? version, string? returnUrl, TransferRequest request) =>
        RunAsync(id, version, returnUrl, new OfferedAction("transfer"), TransferEndpoint.Plan(id, request));

    public Task<IActionResult> OnPostReopenAsync(Guid id, long? version, string? returnUrl, ReasonRequest request) =>
        RunAsync(id, version, returnUrl, new OfferedAction("reopen"), ReopenEndpoint.Plan(id, request));

    public Task<IActionResult> OnPostUrgeAsync(Guid id, long? version, string? returnUrl, NoteRequest request) =>
        RunAsync(id, version, returnUrl, new OfferedAction("urge"), UrgeEndpoint.Plan(id, request));

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, long? version, string? returnUrl, ReasonRequest request) =>
        RunAsync(id, version, returnUrl, new OfferedAction("withdraw"), WithdrawEndpoint.Plan(id, request));

    public Task<IActionResult> OnPostEraseAsync(Guid id, long? version, string? returnUrl) =>
        RunAsync(id, version, returnUrl, new OfferedAction("erase"), EraseCitizenDataEndpoint.Plan(id));

    public Task<IActionResult> OnPostReviewReturnAsync(Guid id, long? version, string? returnUrl, ReviewRequest request) =>
        RunAsync(id, version, returnUrl, new OfferedAction("reviewReturn"), ReviewReturnEndpoint.Plan(id, request));

    public Task<IActionResult> OnPostReturnToRaiserAsync(Guid id, long? version, string? returnUrl, ReturnRequest request) =>
        RunAsync(id, version, returnUrl, new OfferedAction("returnToRaiser"), ReturnToRaiserEndpoint.Plan(id, request));

    public Task<IActionResult> OnPostChangeMatterAsync(Guid id, long? version, string? returnUrl, ChangeMatterRequest request) =>
        RunAsync(id, version, returnUrl, new OfferedAction("changeMatter"), ChangeMatterEndpoint.Plan(id, request));
    // Joint handling (#18): the steps after report-in, the fallback owner, a named handler.

    /// <summary>The conference's form: a row per party that reported in (take part, its part, due in China time).</summary>
    public Task<IActionResult> OnPostConferenceAsync(
        Guid id, Guid whistleId, long? version, string? returnUrl, string? minutes, string[] participants, string[] partParty, string[] partTask, string[] partDue)
    {
        var parts = partParty.Select((party, i) => (party, task: partTask.ElementAtOrDefault(i), due: partDue.ElementAtOrDefault(i)))
            .Where(p => !string.IsNullOrWhiteSpace(p.task))
            .Select(p => new PartRequest(p.party, p.task, ChinaTime(p.due)))
            .ToArray();
        var plan = ConferenceEndpoint.Plan(id, whistleId, new ConferenceRequest(participants, minutes, parts), out _);
        return RunAsync(id, version, returnUrl, new OfferedAction("conference", whistleId), plan);
    }

    /// <summary>The part's id comes as the form's <c>whistleId</c>, the field a whistle's forms carry their id in.</summary>
    public Task<IActionResult> OnPostFeedBackAsync(Guid id, Guid whistleId, long? version, string? returnUrl, NoteRequest request) =>
        RunAsync(id, version, returnUrl, new OfferedAction("feedBack", whistleId), FeedBackPartEndpoint.Plan(id, whistleId, request));

    public Task<IActionResult> OnPostEvaluateDepartmentAsync(Guid id, Guid whistleId, long? version, string? returnUrl, EvaluateDepartmentRequest request) =>
        RunAsync(id, version, returnUrl, new OfferedAction("evaluateDepartment", whistleId), EvaluateDepartmentEndpoint.Plan(id, whistleId, request));

    public Task<IActionResult> OnPostEvaluateWhistleAsync(Guid id, Guid whistleId, long? version, string? returnUrl, EvaluateWhistleRequest request) =>
        RunAsync(id, version, returnUrl, new OfferedAction("evaluateWhistle", whistleId), EvaluateWhistleEndpoint.Plan(id, whistleId, request));

    public Task<IActionResult> OnPostFallbackAsync(Guid id, long? version, string? returnUrl, ReasonRequest request) =>
        RunAsync(id, version, returnUrl, new OfferedAction("fallback"), AssignFallbackEndpoint.Plan(id, request));

    public Task<IActionResult> OnPostAssignHandlerAsync(Guid id, long? version, string? returnUrl, AssignHandlerRequest request) =>
        RunAsync(id, version, returnUrl, new OfferedAction("assignHandler"), AssignHandlerEndpoint.Plan(id, request));

    /// <summary>A browser's local date and time (datetime-local), read as China time; nothing, or nothing readable, is none.</summary>
    private static DateTimeOffset? ChinaTime(string? local) =>
        DateTime.TryParse(local, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var time)
            ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Unspecified), Projections.Statistics.StatisticFacts.ChinaTime)
            : null;

    /// <summary>The master is named by its number (as people read it) or its id.</summary>
    public async Task<IActionResult> OnPostMergeAsync(Guid id, long? version, string? returnUrl, string? intoTicket)
    {
        var master = await MasterAsync(intoTicket);
        return await RunAsync(id, version, returnUrl, new OfferedAction("merge"), MergeEndpoint.Plan(id, new MergeRequest(master)));
    }

    /// <summary>
    /// Runs the command against the version the page showed. Done: back where the user was. Refused: the ticket as it
    /// is now, with the form as the user filled it and the reasons beside its fields.
    /// </summary>
    private async Task<IActionResult> RunAsync(Guid id, long? version, string? returnUrl, OfferedAction action, TicketCommandPlan plan)
    {
        var result = TicketActions.Irreversible.Contains(action.Name) && Request.Form["confirm"] != "true"
            ? CommandResult.InvalidFields.Of("confirm", texts["field.confirm.required"])
            : await commands.RunAsync(User, id, plan, version, HttpContext.RequestAborted);
        if (result is CommandResult.Done)
        {
            TempData["done"] = texts.Format("done", texts[$"act.{action.Name}"]);
            return LocalRedirect(Back(returnUrl, $"/tickets/{id}"));
        }
        if (!await ShowAsync(id))
            return NoSuchTicket();
        Posted = action;
        Errors = FormErrors.From(result, texts, field => field);
        if (Errors.Conflict)
            LastAct = await LastActAsync(id);
        Response.StatusCode = Errors.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> ShowAsync(Guid id)
    {
        if (await Access.LoadVisibleAsync(session, User, id, reference, HttpContext.RequestAborted) is not { } view)
            return false;
        Ticket = view;
        Now = clock.GetUtcNow();
        Citizen = await log.CitizenAsync(session, User, view, "console", HttpContext.RequestAborted);
        Explained = [.. (await ClocksEndpoint.StoriesAsync(session, id, HttpContext.RequestAborted)).Select(s => (s, ClockSentences.Of(s, texts, reference)))];
        var contact = await session.LoadAsync<CitizenContact>(id, HttpContext.RequestAborted);
        SamePhone = await queues.SamePhoneAsync(session, User, view, contact?.Phone, HttpContext.RequestAborted);
        if (Access.MayDo(User, Domain.TicketAction.Merge) && Domain.Ticket.OpenStates.Contains(view.Status) && view.CategoryCode is { } category)
        {
            var open = Access.Visible(session, User, null, reference)
                .Where(t => t.Id != id && t.CategoryCode == category && Domain.Ticket.OpenStates.Contains(t.Status));
            open = view.GridCode is { } grid ? open.Where(t => t.GridCode == grid) : open.Where(t => t.VillageCode == view.VillageCode);
            Duplicates = await open.OrderByDescending(t => t.ReportedAt).Take(MaxDuplicates).ToListAsync(HttpContext.RequestAborted);
        }
        return true;
    }

    /// <summary>The latest event a person (or the timers) appended: who acted first, when, and what they did.</summary>
    private async Task<(string, DateTimeOffset, string)?> LastActAsync(Guid id)
    {
        var events = await session.Events.FetchStreamAsync(id, token: HttpContext.RequestAborted);
        return events.Select(e => e.Data).OfType<Domain.ITicketEvent>()
            .LastOrDefault(e => e is not (Domain.Timers.TimeLimitStarted)) is { } last
            ? (last.By.UserId, last.At, last.GetType().Name)
            : null;
    }

    private async Task<Guid?> MasterAsync(string? numberOrId)
    {
        if (string.IsNullOrWhiteSpace(numberOrId))
            return null;
        if (Guid.TryParse(numberOrId, out var id))
            return id;
        var number = numberOrId.Trim().ToUpperInvariant();
        var found = await Access.Visible(session, User, null, reference).Where(t => t.Number == number).Select(t => t.Id).ToListAsync(HttpContext.RequestAborted);
        return found.Count == 1 ? found[0] : Guid.Empty;
    }

    private IActionResult NoSuchTicket()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Partial("_NotFound");
    }
}
