using Escalation.Domain.Reference;
using Escalation.Host.Organisation;
using Escalation.Host.Features.Organisation;
using Microsoft.AspNetCore.Mvc;

namespace Escalation.Host.WebConsole.Pages;

/// <summary>
/// The county's organisation (administrators change it, auditors read it): its version, the forms for units, users,
/// departments, matters, time limits and the imports, each running the API's own plan, and the history of changes.
/// Each form carries the version it was shown at: a change made meanwhile by someone else is a conflict, said in a banner.
/// </summary>
public sealed class CountyModel(CountyStore store, Texts texts) : ConsolePage
{
    public CountySnapshot Snapshot { get; private set; } = null!;

    /// <summary>True when the page shows an earlier version (?version=), not the one in force.</summary>
    public bool Past { get; private set; }

    public IReadOnlyList<CountyChange> History { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>The form the errors are about, so the page puts them beside it.</summary>
    public string? Form { get; private set; }

    public bool Conflict { get; private set; }

    public bool MayChange => CountyAnswers.MayChange(User);

    public async Task<IActionResult> OnGetAsync(long? version)
    {
        if (!CountyAnswers.MayRead(User))
            return NotAllowed();
        return await ShowAsync(version) ? Page() : NotFound();
    }

    /// <summary>The county file at the version shown (the same JSON the host starts from), to download.</summary>
    public async Task<IActionResult> OnGetExportAsync(long? version)
    {
        if (!CountyAnswers.MayRead(User) || !await ShowAsync(version))
            return NotAllowed();
        return File(System.Text.Encoding.UTF8.GetBytes(Snapshot.File.ToJson(Snapshot.Version)), "application/json", $"county-{Snapshot.Version}.json");
    }

    public Task<IActionResult> OnPostUnitAsync(UnitRequest request, long shown) => RunAsync("unit", shown, CountyEndpoints.PlanAddUnit(request));

    public Task<IActionResult> OnPostRemoveUnitAsync(string? code, string? why, long shown) =>
        RunAsync("removeUnit", shown, CountyEndpoints.PlanRemoveUnit(code ?? "", new ReasonRequest(why)));

    public Task<IActionResult> OnPostUserAsync(UserRequest request, long shown) => RunAsync("user", shown, CountyEndpoints.PlanAddUser(request));

    /// <summary>A user's role, unit or disabled flag; a field left empty keeps its value.</summary>
    public Task<IActionResult> OnPostChangeUserAsync(string? id, string? role, string? unitCode, bool disabled, string? why, long shown) =>
        RunAsync("changeUser", shown, CountyEndpoints.PlanChangeUser(id ?? "", new UserChangeRequest(null, null, role, unitCode, disabled, why)));

    /// <summary>A department added, or its names and powers changed when it exists; powers as codes separated by commas or spaces.</summary>
    public Task<IActionResult> OnPostDepartmentAsync(string? code, string? nameZh, string? nameEn, string? powers, string? why, long shown)
    {
        var request = new DepartmentRequest(code, nameZh, nameEn, Split(powers), why);
        return RunAsync("department", shown, Current.FindDepartment(code) is null
            ? CountyEndpoints.PlanAddDepartment(request)
            : CountyEndpoints.PlanChangeDepartment(code ?? "", request));
    }

    /// <summary>A matter added to the catalogue, or changed when it exists.</summary>
    public Task<IActionResult> OnPostMatterAsync(
        string? code, string? nameZh, string? nameEn, string? domain, int? level, string? firstTier, string? departments, string? timeLimit, string? why, long shown)
    {
        var request = new MatterRequest(code, nameZh, nameEn, domain, level, firstTier, Split(departments), timeLimit, why);
        return RunAsync("matter", shown, Current.FindMatter(code) is null
            ? CountyEndpoints.PlanAddMatter(request)
            : CountyEndpoints.PlanChangeMatter(code ?? "", request));
    }

    public Task<IActionResult> OnPostTimeLimitsAsync(string? timeLimits, string? why, long shown)
    {
        System.Text.Json.JsonElement? section = null;
        try
        {
            section = string.IsNullOrWhiteSpace(timeLimits) ? null : System.Text.Json.JsonDocument.Parse(timeLimits).RootElement.Clone();
        }
        catch (System.Text.Json.JsonException)
        {
            section = null;
        }
        return RunAsync("timeLimits", shown, CountyEndpoints.PlanChangeTimeLimits(new TimeLimitsRequest(section, why)));
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, string? why, long shown)
    {
        string? text = null;
        if (file is not null)
        {
            using var reader = new StreamReader(file.OpenReadStream());
            text = await reader.ReadToEndAsync(HttpContext.RequestAborted);
        }
        return await RunAsync("import", shown, CountyEndpoints.PlanImport(text, why));
    }

    public async Task<IActionResult> OnPostUsersAsync(IFormFile? sheet, string? why, long shown)
    {
        using var body = new MemoryStream();
        if (sheet is not null)
            await sheet.CopyToAsync(body, HttpContext.RequestAborted);
        body.Position = 0;
        var xlsx = UserSheet.IsXlsx(sheet?.ContentType) || sheet?.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) == true;
        return await RunAsync("users", shown, CountyEndpoints.PlanImportUsers(body, xlsx, why));
    }

    private ReferenceData Current => HttpContext.RequestServices.GetRequiredService<CountyReference>().Current;

    private async Task<IActionResult> RunAsync(string form, long shown, CountyPlan plan)
    {
        if (!MayChange)
            return NotAllowed();
        Form = form;
        if (!plan.Fields.AreValid)
        {
            Errors = [.. plan.Fields.Errors.SelectMany(e => e.Value.Select(reason => $"{e.Key}: {texts.Reason(reason)}"))];
            await ShowAsync(null);
            return Page();
        }
        switch (await CountyAnswers.ChangeAsync(HttpContext, store, plan, shown))
        {
            case CountyResult.Done done:
                TempData["done"] = texts.Format("county.saved", done.Version);
                return RedirectToPage();
            case CountyResult.Refused refused:
                Errors = [texts.Rule(refused.Rejection.Code, refused.Rejection.Message), .. refused.Problems];
                break;
            default:
                Conflict = true;
                break;
        }
        await ShowAsync(null);
        return Page();
    }

    private async Task<bool> ShowAsync(long? version)
    {
        History = await store.HistoryAsync(HttpContext.RequestAborted);
        if (version is { } wanted)
        {
            if (await store.AtAsync(wanted, null, HttpContext.RequestAborted) is not { } past || past.Version != wanted)
                return false;
            Snapshot = past;
            Past = true;
            return true;
        }
        await store.RefreshAsync(HttpContext.RequestAborted);
        Snapshot = HttpContext.RequestServices.GetRequiredService<CountyReference>().Snapshot;
        return true;
    }

    private static IReadOnlyList<string?>? Split(string? codes) =>
        codes is null ? null : [.. codes.Split([',', ' ', '，', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)];
}
