using Escalation.Domain.Reference;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Escalation.Host.Features.Closure;
using Escalation.Host.Features.Escalation;
using Escalation.Host.Features.Extension;
using Escalation.Host.Features.Pause;
using Escalation.Host.Features.Rating;
using Escalation.Host.Features.Resolution;
using Escalation.Host.Features.Triage;
using Escalation.Host.Features.Whistle;
using Escalation.Projections;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Escalation.Host.WebConsole.Pages;

/// <summary>One ticket: what was asked, where it stands, its clocks and whistles, and the actions the user may take.</summary>
public sealed class TicketModel(IQuerySession session, ReferenceData reference, ConsoleCommands commands, Texts texts, TimeProvider clock) : ConsolePage
{
    public TicketView Ticket { get; private set; } = null!;

    public CitizenDetails? Citizen { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public OfferedAction? Posted { get; private set; }

    public FormErrors? Errors { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await ShowAsync(id) ? Page() : NoSuchTicket();

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

    /// <summary>
    /// Runs the command against the version the page showed. Done: back where the user was. Refused: the ticket as it
    /// is now, with the form as the user filled it and the reasons beside its fields.
    /// </summary>
    private async Task<IActionResult> RunAsync(Guid id, long? version, string? returnUrl, OfferedAction action, TicketCommandPlan plan)
    {
        var result = await commands.RunAsync(User, id, plan, version, HttpContext.RequestAborted);
        if (result is CommandResult.Done)
        {
            TempData["done"] = texts.Format("done", texts[$"act.{action.Name}"]);
            return LocalRedirect(Back(returnUrl, $"/tickets/{id}"));
        }
        if (!await ShowAsync(id))
            return NoSuchTicket();
        Posted = action;
        Errors = FormErrors.From(result, texts, field => field);
        Response.StatusCode = Errors.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> ShowAsync(Guid id)
    {
        if (await Access.LoadVisibleAsync(session, User, id, reference, HttpContext.RequestAborted) is not { } view)
            return false;
        Ticket = view;
        Now = clock.GetUtcNow();
        Citizen = await Access.CitizenAsync(session, User, id, HttpContext.RequestAborted);
        return true;
    }

    private IActionResult NoSuchTicket()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Partial("_NotFound");
    }
}
