using Escalation.Domain;
using Escalation.Host.Api;
using Escalation.Host.Commands;
using Escalation.Host.Features.Intake;
using Escalation.Projections;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Escalation.Host.WebConsole.Pages;

/// <summary>The form an operator fills while the citizen is on the line.</summary>
public sealed class IntakeForm
{
    public string Channel { get; set; } = "hotline";
    public string? CitizenName { get; set; }
    public string? CitizenPhone { get; set; }
    public string? Place { get; set; }
    public string? Address { get; set; }
    public string? Category { get; set; }
    public string Urgency { get; set; } = "normal";
    public string? Description { get; set; }

    /// <summary>Made when the form is shown: a second click, or a resubmitted page, opens no second ticket.</summary>
    public string Key { get; set; } = "";
}

public sealed class IntakeModel(Places places, Texts texts, IQuerySession session, ConsoleCommands commands) : ConsolePage
{
    public const int MaxDuplicates = 5;

    [BindProperty]
    public IntakeForm Form { get; set; } = new();

    public FormErrors Errors { get; private set; } = new();

    public TicketView? Created { get; private set; }

    public IReadOnlyList<TicketView> Duplicates { get; private set; } = [];

    public Places Places => places;

    public async Task<IActionResult> OnGetAsync(Guid? created)
    {
        if (!Access.MayDo(User, TicketAction.Report))
            return NotAllowed();
        Form.Key = Guid.NewGuid().ToString("N");
        if (created is { } id && await session.LoadAsync<TicketView>(id, HttpContext.RequestAborted) is { } view && view.ReportedBy == Me.UserId)
            Created = view;
        return Page();
    }

    /// <summary>The hint the form shows as the place and category are filled in.</summary>
    public async Task<IActionResult> OnGetDuplicatesAsync(string? place, string? category) =>
        Partial("_Duplicates", await DuplicatesAsync(place, category));

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Access.MayDo(User, TicketAction.Report))
            return NotAllowed();
        var location = places.FindLocation(Form.Place);
        var category = places.FindCategory(Form.Category);
        if (!string.IsNullOrWhiteSpace(Form.Place) && location is null)
            Errors.Add("place", texts["intake.unknownPlace"]);
        if (!string.IsNullOrWhiteSpace(Form.Category) && category is null)
            Errors.Add("category", texts["intake.unknownCategory"]);
        if (Errors.Any)
            return await ShowAgainAsync();

        var isGrid = location?.Kind == Domain.Reference.UnitKind.Grid;
        var request = new ReportRequest(
            Form.Channel, Form.Description, new CitizenRequest(Form.CitizenName, Form.CitizenPhone),
            location is null ? null : new LocationRequest(isGrid ? null : location.Code, isGrid ? location.Code : null, Form.Address),
            category?.Code, Form.Urgency);
        var result = await commands.ReportAsync(User, ReportTicketEndpoint.Plan(request), Form.Key, request, HttpContext.RequestAborted);
        if (result is CommandResult.Done done)
            return Redirect($"/intake?created={done.TicketId}");

        Errors = FormErrors.From(result, texts, FormField);
        return await ShowAgainAsync();
    }

    private async Task<IActionResult> ShowAgainAsync()
    {
        Duplicates = await DuplicatesAsync(Form.Place, Form.Category);
        return Page();
    }

    /// <summary>Open tickets of the same matter in the same grid, or in the same village when no grid was named.</summary>
    private async Task<IReadOnlyList<TicketView>> DuplicatesAsync(string? placeText, string? categoryText)
    {
        if (places.FindLocation(placeText) is not { } place || places.FindCategory(categoryText) is not { } category)
            return [];
        var open = session.Query<TicketView>().Where(t =>
            t.CategoryCode == category.Code && t.Status != TicketStatus.Closed && t.Status != TicketStatus.Withdrawn && t.Status != TicketStatus.Merged);
        open = place.Kind == Domain.Reference.UnitKind.Grid ? open.Where(t => t.GridCode == place.Code) : open.Where(t => t.VillageCode == place.Code);
        return [.. await open.OrderByDescending(t => t.ReportedAt).Take(MaxDuplicates).ToListAsync(HttpContext.RequestAborted)];
    }

    private static string FormField(string apiField) => apiField switch
    {
        "citizen.name" => "citizenName",
        "citizen.phone" => "citizenPhone",
        "location" or "location.villageCode" or "location.gridCode" => "place",
        "location.address" => "address",
        "categoryCode" => "category",
        _ => apiField,
    };
}
