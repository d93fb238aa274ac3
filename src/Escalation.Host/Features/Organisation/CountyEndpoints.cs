using System.Text.Json;
using Escalation.Domain.Organisation;
using Escalation.Domain.Reference;
using Escalation.Host.Api;
using Escalation.Host.Organisation;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Organisation;

public sealed record UserRequest(string? Id, string? NameZh, string? NameEn, string? Role, string? UnitCode, string? Why);

/// <summary>A user's new names, role, unit or disabled flag; a field left out keeps its value.</summary>
public sealed record UserChangeRequest(string? NameZh, string? NameEn, string? Role, string? UnitCode, bool? Disabled, string? Why);

public sealed record ReasonRequest(string? Why);

/// <param name="Calendar">How the unit counts working time: <c>county</c> (the default) or <c>aroundTheClock</c>.</param>
public sealed record UnitRequest(string? Code, string? NameZh, string? NameEn, string? Kind, string? ParentCode, string? Why, string? Calendar = null);

public sealed record DepartmentRequest(string? Code, string? NameZh, string? NameEn, IReadOnlyList<string?>? Powers, string? Why);

public sealed record MatterRequest(
    string? Code, string? NameZh, string? NameEn, string? Domain, int? Level, string? FirstTier, IReadOnlyList<string?>? Departments,
    string? TimeLimit, string? Why);

/// <param name="TimeLimits">The county file's whole <c>timeLimits</c> section (a part left out takes the default).</param>
public sealed record TimeLimitsRequest(JsonElement? TimeLimits, string? Why);

/// <summary>The county's organisation, administered at runtime (docs/county.md): each change one event in the county's stream.</summary>
public static class CountyEndpoints
{
    [ProducesResponseType<CountyChanged>(StatusCodes.Status200OK)]
    [WolverinePost("/api/county/users")]
    public static Task<IResult> AddUser(UserRequest request, HttpContext http, CountyStore store) => CountyAnswers.RunAsync(http, store, PlanAddUser(request));

    public static CountyPlan PlanAddUser(UserRequest request)
    {
        var fields = new Fields();
        var user = new User(
            CountyAnswers.Code(fields, request.Id, "id"), CountyAnswers.Name(fields, request.NameZh, "nameZh"), CountyAnswers.Name(fields, request.NameEn, "nameEn"),
            fields.Choice<Role>(request.Role, "role") ?? default, CountyAnswers.Code(fields, request.UnitCode, "unitCode"));
        var why = CountyAnswers.Why(fields, request.Why);
        return new CountyPlan(fields, (_, by, at) => [new UserAdded(user, by, at, why)]);
    }

    [ProducesResponseType<CountyChanged>(StatusCodes.Status200OK)]
    [WolverinePut("/api/county/users/{id}")]
    public static Task<IResult> ChangeUser(string id, UserChangeRequest request, HttpContext http, CountyStore store) => CountyAnswers.RunAsync(http, store, PlanChangeUser(id, request));

    public static CountyPlan PlanChangeUser(string id, UserChangeRequest request)
    {
        var fields = new Fields();
        var nameZh = fields.Text(request.NameZh, "nameZh", CountyAnswers.MaxName, required: false);
        var nameEn = fields.Text(request.NameEn, "nameEn", CountyAnswers.MaxName, required: false);
        var role = fields.Choice<Role>(request.Role, "role", required: false);
        var unit = fields.Text(request.UnitCode, "unitCode", CountyAnswers.MaxCode, required: false);
        var why = CountyAnswers.Why(fields, request.Why);
        return new CountyPlan(fields, (county, by, at) =>
        {
            var user = county.Reference.FindUser(id) ?? new User(id, "", "", default, "");
            var changed = user with
            {
                NameZh = nameZh ?? user.NameZh, NameEn = nameEn ?? user.NameEn, Role = role ?? user.Role, UnitCode = unit ?? user.UnitCode,
                Disabled = request.Disabled ?? user.Disabled,
            };
            return [new UserChanged(changed, by, at, why)];
        });
    }

    [ProducesResponseType<CountyChanged>(StatusCodes.Status200OK)]
    [WolverinePost("/api/county/users/{id}/disable")]
    public static Task<IResult> DisableUser(string id, ReasonRequest request, HttpContext http, CountyStore store) => CountyAnswers.RunAsync(http, store, PlanDisableUser(id, request));

    public static CountyPlan PlanDisableUser(string id, ReasonRequest request)
    {
        var fields = new Fields();
        var why = CountyAnswers.Why(fields, request.Why);
        return new CountyPlan(fields, (_, by, at) => [new UserDisabled(id, by, at, why)]);
    }

    [ProducesResponseType<CountyChanged>(StatusCodes.Status200OK)]
    [WolverinePost("/api/county/units")]
    public static Task<IResult> AddUnit(UnitRequest request, HttpContext http, CountyStore store) => CountyAnswers.RunAsync(http, store, PlanAddUnit(request));

    public static CountyPlan PlanAddUnit(UnitRequest request)
    {
        var fields = new Fields();
        var unit = ReadUnit(fields, request.Code, request);
        var why = CountyAnswers.Why(fields, request.Why);
        return new CountyPlan(fields, (_, by, at) => [new UnitAdded(unit, by, at, why)]);
    }

    [ProducesResponseType<CountyChanged>(StatusCodes.Status200OK)]
    [WolverinePut("/api/county/units/{code}")]
    public static Task<IResult> ChangeUnit(string code, UnitRequest request, HttpContext http, CountyStore store) => CountyAnswers.RunAsync(http, store, PlanChangeUnit(code, request));

    public static CountyPlan PlanChangeUnit(string code, UnitRequest request)
    {
        var fields = new Fields();
        var unit = ReadUnit(fields, code, request);
        var why = CountyAnswers.Why(fields, request.Why);
        return new CountyPlan(fields, (_, by, at) => [new UnitChanged(unit, by, at, why)]);
    }

    [ProducesResponseType<CountyChanged>(StatusCodes.Status200OK)]
    [WolverinePost("/api/county/units/{code}/remove")]
    public static Task<IResult> RemoveUnit(string code, ReasonRequest request, HttpContext http, CountyStore store) => CountyAnswers.RunAsync(http, store, PlanRemoveUnit(code, request));

    public static CountyPlan PlanRemoveUnit(string code, ReasonRequest request)
    {
        var fields = new Fields();
        var why = CountyAnswers.Why(fields, request.Why);
        return new CountyPlan(fields, (_, by, at) => [new UnitRemoved(code, by, at, why)]);
    }

    [ProducesResponseType<CountyChanged>(StatusCodes.Status200OK)]
    [WolverinePost("/api/county/departments")]
    public static Task<IResult> AddDepartment(DepartmentRequest request, HttpContext http, CountyStore store) => CountyAnswers.RunAsync(http, store, PlanAddDepartment(request));

    public static CountyPlan PlanAddDepartment(DepartmentRequest request)
    {
        var fields = new Fields();
        var department = ReadDepartment(fields, request.Code, request);
        var why = CountyAnswers.Why(fields, request.Why);
        return new CountyPlan(fields, (_, by, at) => [new DepartmentAdded(department, by, at, why)]);
    }

    [ProducesResponseType<CountyChanged>(StatusCodes.Status200OK)]
    [WolverinePut("/api/county/departments/{code}")]
    public static Task<IResult> ChangeDepartment(string code, DepartmentRequest request, HttpContext http, CountyStore store) => CountyAnswers.RunAsync(http, store, PlanChangeDepartment(code, request));

    public static CountyPlan PlanChangeDepartment(string code, DepartmentRequest request)
    {
        var fields = new Fields();
        var department = ReadDepartment(fields, code, request);
        var why = CountyAnswers.Why(fields, request.Why);
        return new CountyPlan(fields, (_, by, at) => [new DepartmentChanged(department, by, at, why)]);
    }

    [ProducesResponseType<CountyChanged>(StatusCodes.Status200OK)]
    [WolverinePost("/api/county/catalogue")]
    public static Task<IResult> AddMatter(MatterRequest request, HttpContext http, CountyStore store) => CountyAnswers.RunAsync(http, store, PlanAddMatter(request));

    public static CountyPlan PlanAddMatter(MatterRequest request)
    {
        var fields = new Fields();
        var matter = ReadMatter(fields, request.Code, request);
        var why = CountyAnswers.Why(fields, request.Why);
        return new CountyPlan(fields, (_, by, at) => [new MatterAdded(matter, by, at, why)]);
    }

    [ProducesResponseType<CountyChanged>(StatusCodes.Status200OK)]
    [WolverinePut("/api/county/catalogue/{code}")]
    public static Task<IResult> ChangeMatter(string code, MatterRequest request, HttpContext http, CountyStore store) => CountyAnswers.RunAsync(http, store, PlanChangeMatter(code, request));

    public static CountyPlan PlanChangeMatter(string code, MatterRequest request)
    {
        var fields = new Fields();
        var matter = ReadMatter(fields, code, request);
        var why = CountyAnswers.Why(fields, request.Why);
        return new CountyPlan(fields, (_, by, at) => [new MatterChanged(matter, by, at, why)]);
    }

    [ProducesResponseType<CountyChanged>(StatusCodes.Status200OK)]
    [WolverinePut("/api/county/time-limits")]
    public static Task<IResult> ChangeTimeLimits(TimeLimitsRequest request, HttpContext http, CountyStore store) => CountyAnswers.RunAsync(http, store, PlanChangeTimeLimits(request));

    public static CountyPlan PlanChangeTimeLimits(TimeLimitsRequest request)
    {
        var fields = new Fields();
        if (request.TimeLimits is not { ValueKind: JsonValueKind.Object })
            fields.Add("timeLimits", "is required: the county file's timeLimits section, an object.");
        var text = request.TimeLimits?.GetRawText() ?? "{}";
        var why = CountyAnswers.Why(fields, request.Why);
        return new CountyPlan(fields, (_, by, at) => [new TimeLimitsChanged(text, by, at, why)]);
    }

    /// <summary>The whole county file (the same JSON as at start-up) taken as the county; the body is the file, <c>why</c> a query parameter.</summary>
    [ProducesResponseType<CountyChanged>(StatusCodes.Status200OK)]
    [WolverinePost("/api/county/import")]
    public static async Task<IResult> Import(string? why, HttpContext http, CountyStore store)
    {
        using var reader = new StreamReader(http.Request.Body);
        return await CountyAnswers.RunAsync(http, store, PlanImport(await reader.ReadToEndAsync(http.RequestAborted), why));
    }

    public static CountyPlan PlanImport(string? file, string? why)
    {
        var fields = new Fields();
        var reason = CountyAnswers.Why(fields, why);
        if (string.IsNullOrWhiteSpace(file))
            fields.Add("body", "is required: the county file, as JSON.");
        return new CountyPlan(fields, (_, by, at) => [new CountyImported(file ?? "", by, at, reason)]);
    }

    /// <summary>
    /// Users from a spreadsheet (CSV, or xlsx by its content type): a header row <c>id, nameZh, nameEn, role, unitCode</c>,
    /// one user a row; a new id is added, a known one changed, an unchanged one left as it is; all or nothing.
    /// </summary>
    [ProducesResponseType<CountyChanged>(StatusCodes.Status200OK)]
    [WolverinePost("/api/county/users/import")]
    public static async Task<IResult> ImportUsers(string? why, HttpContext http, CountyStore store)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        body.Position = 0;
        return await CountyAnswers.RunAsync(http, store, PlanImportUsers(body, UserSheet.IsXlsx(http.Request.ContentType), why));
    }

    public static CountyPlan PlanImportUsers(Stream sheet, bool xlsx, string? why)
    {
        var fields = new Fields();
        var reason = CountyAnswers.Why(fields, why);
        var users = UserSheet.Read(sheet, xlsx, fields);
        return new CountyPlan(fields, (county, by, at) => UserSheet.Changes(users, county.Reference, by, at, reason));
    }

    /// <summary>The county file as it stands, or as it stood at a version of its stream or at a time; the ETag is its version.</summary>
    [WolverineGet("/api/county")]
    public static async Task<IResult> Get(string? version, string? asOf, HttpContext http, CountyStore store)
    {
        if (!CountyAnswers.MayRead(http.User))
            return Problems.Forbidden("read the county's file and history");
        var fields = new Fields();
        long? at = null;
        DateTimeOffset? time = null;
        if (version is not null)
        {
            if (long.TryParse(version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) && v > 0)
                at = v;
            else
                fields.Add("version", "must be a version of the county, 1 or more.");
        }
        if (asOf is not null)
        {
            if (DateTimeOffset.TryParse(asOf, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var t)
                && (asOf.Contains('+', StringComparison.Ordinal) || asOf.EndsWith('Z') || asOf.LastIndexOf('-') > 10))
                time = t;
            else
                fields.Add("asOf", "must be a time with its offset, e.g. 2026-12-01T09:00:00+08:00.");
        }
        if (!fields.AreValid)
            return Problems.Invalid(fields.Errors);
        if (await store.AtAsync(at, time, http.RequestAborted) is not { } snapshot || (at is { } wanted && snapshot.Version != wanted))
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "The county had no such version then.", type: "https://escalation.example/problems/no-such-version");
        http.Response.Headers.ETag = Problems.ETag(snapshot.Version);
        return Results.Text(snapshot.File.ToJson(snapshot.Version), "application/json", System.Text.Encoding.UTF8);
    }

    /// <summary>Every change to the county, oldest first: version, event, who, when, why and what.</summary>
    [ProducesResponseType<IReadOnlyList<CountyChange>>(StatusCodes.Status200OK)]
    [WolverineGet("/api/county/history")]
    public static async Task<IResult> History(HttpContext http, CountyStore store) =>
        CountyAnswers.MayRead(http.User) ? Results.Ok(await store.HistoryAsync(http.RequestAborted)) : Problems.Forbidden("read the county's file and history");

    private static Unit ReadUnit(Fields fields, string? code, UnitRequest request) => new(
        CountyAnswers.Code(fields, code, "code"), CountyAnswers.Name(fields, request.NameZh, "nameZh"), CountyAnswers.Name(fields, request.NameEn, "nameEn"),
        fields.Choice<UnitKind>(request.Kind, "kind") ?? default, fields.Text(request.ParentCode, "parentCode", CountyAnswers.MaxCode, required: false),
        fields.Choice<UnitCalendar>(request.Calendar, "calendar", required: false) ?? UnitCalendar.County);

    private static Department ReadDepartment(Fields fields, string? code, DepartmentRequest request) => new(
        CountyAnswers.Code(fields, code, "code"), CountyAnswers.Name(fields, request.NameZh, "nameZh"), CountyAnswers.Name(fields, request.NameEn, "nameEn"),
        CountyAnswers.Codes(fields, request.Powers, "powers"));

    private static Matter ReadMatter(Fields fields, string? code, MatterRequest request)
    {
        if (request.Level is null or < 1 or > 3)
            fields.Add("level", "must be 1, 2 or 3.");
        return new Matter(
            CountyAnswers.Code(fields, code, "code"), CountyAnswers.Name(fields, request.NameZh, "nameZh"), CountyAnswers.Name(fields, request.NameEn, "nameEn"),
            fields.Choice<MatterDomain>(request.Domain, "domain") ?? default, request.Level ?? 0, fields.Choice<Tier>(request.FirstTier, "firstTier") ?? default,
            CountyAnswers.Codes(fields, request.Departments, "departments"), fields.Choice<TimeLimitClass>(request.TimeLimit, "timeLimit") ?? default);
    }
}
