using Escalation.Domain.Reference;
using Escalation.Host.Api;
using Escalation.Host.Auth;
using Marten;
using Marten.Linq;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Escalation.Host.Features.Accounts;

public sealed record TemporaryPasswordRequest(string? Password);

/// <summary>An account as an administrator sees it: never its hash.</summary>
public sealed record AccountStatus(
    string UserId, bool HasPassword, bool MustChangePassword, int FailedSignIns, DateTimeOffset? LockedUntil, DateTimeOffset? LastSignInAt);

public sealed record SignInPage(int Page, int PageSize, long Total, IReadOnlyList<SignInRecord> Items);

/// <summary>
/// The administrator's side of sign-in: a temporary password for a user (a new one, or one who forgot: it must be
/// changed at the next sign-in), unlocking, and the log of sign-ins and failures.
/// </summary>
public static class AccountEndpoints
{
    public const int PageSize = 50;

    [ProducesResponseType<AccountStatus>(StatusCodes.Status200OK)]
    [WolverineGet("/api/admin/accounts/{userId}")]
    public static async Task<IResult> Get(string userId, HttpContext http, Auth.Accounts accounts)
    {
        if (EscalationClaims.RoleOf(http.User) != Role.Administrator)
            return Problems.Forbidden("see accounts");
        return await accounts.FindAsync(userId, http.RequestAborted) is { } account
            ? Results.Ok(Describe(account))
            : NoSuchAccount(userId);
    }

    [ProducesResponseType<AccountStatus>(StatusCodes.Status200OK)]
    [WolverinePost("/api/admin/accounts/{userId}/temporary-password")]
    public static async Task<IResult> SetTemporaryPassword(string userId, TemporaryPasswordRequest request, HttpContext http, Auth.Accounts accounts)
    {
        if (EscalationClaims.RoleOf(http.User) != Role.Administrator)
            return Problems.Forbidden("set passwords");
        var errors = await accounts.SetTemporaryPasswordAsync(userId, request.Password, http.RequestAborted);
        if (errors.Count > 0)
            return Problems.Invalid(errors);
        return Results.Ok(Describe((await accounts.FindAsync(userId, http.RequestAborted))!));
    }

    [ProducesResponseType<AccountStatus>(StatusCodes.Status200OK)]
    [WolverinePost("/api/admin/accounts/{userId}/unlock")]
    public static async Task<IResult> Unlock(string userId, HttpContext http, Auth.Accounts accounts)
    {
        if (EscalationClaims.RoleOf(http.User) != Role.Administrator)
            return Problems.Forbidden("unlock accounts");
        return await accounts.UnlockAsync(userId, http.RequestAborted)
            ? Results.Ok(Describe((await accounts.FindAsync(userId, http.RequestAborted))!))
            : NoSuchAccount(userId);
    }

    /// <summary>Sign-ins and failures, newest first, <see cref="PageSize"/> a page; <c>userId</c> narrows them to one user id as typed.</summary>
    [ProducesResponseType<SignInPage>(StatusCodes.Status200OK)]
    [WolverineGet("/api/admin/sign-ins")]
    public static async Task<IResult> SignIns(string? userId, int? page, HttpContext http, IQuerySession session)
    {
        if (EscalationClaims.RoleOf(http.User) != Role.Administrator)
            return Problems.Forbidden("read the sign-in log");
        if (page is < 1)
            return Problems.Invalid("page", "must be 1 or more.");

        var number = page ?? 1;
        var query = session.Query<SignInRecord>().Stats(out QueryStatistics stats);
        var items = await (string.IsNullOrEmpty(userId) ? query : query.Where(r => r.UserId == userId))
            .OrderByDescending(r => r.At).Skip((number - 1) * PageSize).Take(PageSize).ToListAsync(http.RequestAborted);
        return Results.Ok(new SignInPage(number, PageSize, stats.TotalResults, items));
    }

    private static AccountStatus Describe(Account account) => new(
        account.Id, account.PasswordHash.Length > 0, account.MustChangePassword, account.FailedSignIns, account.LockedUntil, account.LastSignInAt);

    private static IResult NoSuchAccount(string userId) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: $"User {userId} has no account: set a temporary password first.",
        type: "https://escalation.example/problems/no-such-account");
}
