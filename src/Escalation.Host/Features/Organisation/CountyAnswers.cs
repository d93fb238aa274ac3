using System.Security.Claims;
using Escalation.Domain;
using Escalation.Domain.Organisation;
using Escalation.Domain.Reference;
using Escalation.Host.Api;
using Escalation.Host.Auth;
using Escalation.Host.Organisation;

namespace Escalation.Host.Features.Organisation;

/// <summary>The answer to an administrator's change: its events and the county's new version (also the ETag).</summary>
public sealed record CountyChanged(long Version, IReadOnlyList<string> Events);

/// <summary>A change as the API and the console make it: the request's fields checked, and the events it makes from the county it is decided on.</summary>
public sealed record CountyPlan(Fields Fields, Func<CountySnapshot, Actor, DateTimeOffset, IReadOnlyList<ICountyEvent>> Change);

/// <summary>What the county endpoints share: who may change or read the county, If-Match, and the one mapping of a result to HTTP.</summary>
public static class CountyAnswers
{
    public const int MaxName = 200;
    public const int MaxCode = 64;
    public const int MaxWhy = 1000;

    public static bool MayChange(ClaimsPrincipal user) => EscalationClaims.RoleOf(user) == Role.Administrator;

    public static bool MayRead(ClaimsPrincipal user) => EscalationClaims.RoleOf(user) is Role.Administrator or Role.Auditor;

    /// <summary>Checks the role, the fields and If-Match, then runs the change on the county's stream.</summary>
    public static async Task<IResult> RunAsync(HttpContext http, CountyStore store, CountyPlan plan)
    {
        if (!MayChange(http.User))
            return Problems.Forbidden("change the county");
        var expected = ExpectedVersion(http, plan.Fields);
        if (!plan.Fields.AreValid)
            return Problems.Invalid(plan.Fields.Errors);
        return For(await ChangeAsync(http, store, plan, expected), http);
    }

    /// <summary>Runs a plan whose fields are valid, by the signed-in administrator, at the injected clock's time.</summary>
    public static Task<CountyResult> ChangeAsync(HttpContext http, CountyStore store, CountyPlan plan, long? expectedVersion)
    {
        var by = EscalationClaims.ActorOf(http.User);
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        return store.ChangeAsync(snapshot => plan.Change(snapshot, by, now), expectedVersion, http.RequestAborted);
    }

    public static IResult For(CountyResult result, HttpContext http)
    {
        switch (result)
        {
            case CountyResult.Done done:
                http.Response.Headers.ETag = Problems.ETag(done.Version);
                return Results.Ok(new CountyChanged(done.Version, done.Events));
            case CountyResult.Refused refused:
                return Refused(refused.Rejection, refused.Problems);
            case CountyResult.Stale stale:
                return Results.Problem(
                    statusCode: StatusCodes.Status412PreconditionFailed,
                    title: $"The county is at version {stale.Current}, not {stale.Expected}: reload it and try again.",
                    type: "https://escalation.example/problems/stale-version",
                    extensions: new Dictionary<string, object?> { ["currentVersion"] = stale.Current });
            default:
                return Results.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "Another administrator changed the county at the same moment: reload it and try again.",
                    detail: "Another change to the county was saved first; nothing of yours was kept.",
                    type: "https://escalation.example/problems/concurrent-change");
        }
    }

    /// <summary>422 with the rule's code and, for a county that would not be valid, every problem under the file's section it concerns.</summary>
    public static IResult Refused(Rejection rejection, IReadOnlyList<string> problems)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = rejection.Code };
        if (problems.Count > 0)
            extensions["errors"] = problems.GroupBy(SectionOf).ToDictionary(g => g.Key, g => g.ToArray());
        return Results.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: rejection.Message,
            type: $"https://escalation.example/rules/{rejection.Code}",
            extensions: extensions);
    }

    /// <summary>The section of the county file a start-up check's sentence is about ("unit SC-T01: …" → units).</summary>
    public static string SectionOf(string problem) => problem switch
    {
        _ when problem.StartsWith("unit", StringComparison.Ordinal) || problem.StartsWith("there is", StringComparison.Ordinal) => "units",
        _ when problem.StartsWith("department", StringComparison.Ordinal) => "departments",
        _ when problem.StartsWith("matter", StringComparison.Ordinal) || problem.StartsWith("catalogue", StringComparison.Ordinal) => "catalogue",
        _ when problem.StartsWith("user", StringComparison.Ordinal) => "users",
        _ when problem.StartsWith("timeLimits", StringComparison.Ordinal) => "timeLimits",
        _ => "county",
    };

    private static long? ExpectedVersion(HttpContext http, Fields fields)
    {
        var header = http.Request.Headers.IfMatch.ToString();
        if (header.Length == 0)
            return null;
        if (long.TryParse(header.Trim('"', ' ', 'W', '/'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
            return version;
        fields.Add("If-Match", "must be the county's version as its ETag gives it, e.g. \"12\".");
        return null;
    }

    /// <summary>Why the county changes: every change says so.</summary>
    public static string Why(Fields fields, string? why) => fields.Text(why, "why", MaxWhy) ?? "";

    public static string Code(Fields fields, string? code, string field) => fields.Text(code, field, MaxCode) ?? "";

    public static string Name(Fields fields, string? name, string field) => fields.Text(name, field, MaxName) ?? "";

    public static IReadOnlyList<string> Codes(Fields fields, IReadOnlyList<string?>? codes, string field)
    {
        if (codes is null)
        {
            fields.Add(field, "is required (a list of codes, possibly empty).");
            return [];
        }
        var taken = new List<string>();
        for (var i = 0; i < codes.Count; i++)
        {
            if (fields.Text(codes[i], $"{field}[{i}]", MaxCode) is { } code)
                taken.Add(code);
        }
        return taken;
    }
}
