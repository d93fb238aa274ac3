using Escalation.Domain.Reference;
using Marten;
using Microsoft.AspNetCore.Identity;

namespace Escalation.Host.Auth;

/// <summary>
/// A person's credentials, keyed by the county's user id: who the person is (role, unit) stays in the reference data,
/// only how they prove it is kept here. The hash is ASP.NET Core Identity's (PBKDF2, salted, versioned).
/// </summary>
public sealed record Account
{
    public string Id { get; init; } = "";
    public string PasswordHash { get; init; } = "";
    public int FailedSignIns { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }

    /// <summary>Set by a temporary password: the person must choose their own before anything else.</summary>
    public bool MustChangePassword { get; init; }

    public DateTimeOffset? PasswordSetAt { get; init; }
    public DateTimeOffset? LastSignInAt { get; init; }
}

/// <summary>One sign-in or failed attempt: when, who (as typed), how, what came of it, and from where.</summary>
public sealed record SignInRecord(Guid Id, DateTimeOffset At, string UserId, string Method, string Outcome, string? Source);

public static class SignInMethods
{
    public const string Password = "password";
    public const string Demo = "demo";
    public const string Oidc = "oidc";
}

public static class SignInOutcomes
{
    public const string Succeeded = "succeeded";
    public const string WrongPassword = "wrong-password";
    public const string LockedOut = "locked-out";
    public const string UnknownUser = "unknown-user";
}

/// <summary>What a password sign-in came to. A wrong password and an unknown user look the same to the caller.</summary>
public abstract record PasswordSignIn
{
    public sealed record Succeeded(User User, bool MustChangePassword) : PasswordSignIn;
    public sealed record WrongPassword : PasswordSignIn;
    public sealed record LockedOut(DateTimeOffset Until) : PasswordSignIn;
}

/// <summary>Password sign-in, lockout, changes and the administrator's resets, with every attempt logged.</summary>
public sealed class Accounts(IDocumentSession session, ReferenceData reference, AuthSettings settings, TimeProvider clock)
{
    private const int LongestUserId = 64;
    private static readonly PasswordHasher<Account> Hasher = new();

    public async Task<PasswordSignIn> SignInAsync(string? userId, string password, string? source, CancellationToken ct)
    {
        var id = (userId ?? "").Trim();
        var now = clock.GetUtcNow();
        var user = reference.FindActiveUser(id);
        var account = user is null ? null : await session.LoadAsync<Account>(id, ct);
        if (user is null || account is null)
        {
            Log(id, SignInMethods.Password, user is null ? SignInOutcomes.UnknownUser : SignInOutcomes.WrongPassword, source, now);
            await session.SaveChangesAsync(ct);
            return new PasswordSignIn.WrongPassword();
        }
        if (account.LockedUntil > now)
        {
            Log(id, SignInMethods.Password, SignInOutcomes.LockedOut, source, now);
            await session.SaveChangesAsync(ct);
            return new PasswordSignIn.LockedOut(account.LockedUntil.Value);
        }

        var verdict = Hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            var failed = account.FailedSignIns + 1;
            var locks = failed >= settings.MaxFailedSignIns;
            session.Store(account with { FailedSignIns = locks ? 0 : failed, LockedUntil = locks ? now + settings.LockoutDuration : null });
            Log(id, SignInMethods.Password, locks ? SignInOutcomes.LockedOut : SignInOutcomes.WrongPassword, source, now);
            await session.SaveChangesAsync(ct);
            return locks ? new PasswordSignIn.LockedOut(now + settings.LockoutDuration) : new PasswordSignIn.WrongPassword();
        }

        session.Store(account with
        {
            FailedSignIns = 0,
            LockedUntil = null,
            LastSignInAt = now,
            PasswordHash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? Hasher.HashPassword(account, password) : account.PasswordHash,
        });
        Log(id, SignInMethods.Password, SignInOutcomes.Succeeded, source, now);
        await session.SaveChangesAsync(ct);
        return new PasswordSignIn.Succeeded(user, account.MustChangePassword);
    }

    /// <summary>A sign-in that proved the person elsewhere (the demo picker, single sign-on): logged, and the account's last sign-in kept.</summary>
    public async Task RecordAsync(string userId, string method, string outcome, string? source, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (outcome == SignInOutcomes.Succeeded && await session.LoadAsync<Account>(userId, ct) is { } account)
            session.Store(account with { LastSignInAt = now });
        Log(userId, method, outcome, source, now);
        await session.SaveChangesAsync(ct);
    }

    /// <summary>The person's own change: the current password, then a new one the rules accept. Errors by field.</summary>
    public async Task<IReadOnlyDictionary<string, string[]>> ChangePasswordAsync(
        string userId, string current, string chosen, string? source, CancellationToken ct)
    {
        var account = await session.LoadAsync<Account>(userId, ct);
        if (account is null || Hasher.VerifyHashedPassword(account, account.PasswordHash, current) == PasswordVerificationResult.Failed)
            return new Dictionary<string, string[]> { ["current"] = ["is not your current password."] };
        if (Refusal(chosen) is { } refusal)
            return new Dictionary<string, string[]> { ["password"] = [refusal] };
        if (chosen == current)
            return new Dictionary<string, string[]> { ["password"] = ["must differ from the current password."] };

        session.Store(account with
        {
            PasswordHash = Hasher.HashPassword(account, chosen),
            MustChangePassword = false,
            PasswordSetAt = clock.GetUtcNow(),
        });
        Log(userId, SignInMethods.Password, "password-changed", source, clock.GetUtcNow());
        await session.SaveChangesAsync(ct);
        return new Dictionary<string, string[]>();
    }

    /// <summary>
    /// An administrator's temporary password for a user of the county (a new user, or one who forgot): it unlocks the
    /// account and must be changed at the next sign-in. Errors by field; none when it was set.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string[]>> SetTemporaryPasswordAsync(string userId, string? password, CancellationToken ct)
    {
        if (reference.FindUser(userId) is null)
            return new Dictionary<string, string[]> { ["userId"] = ["is no user of the county."] };
        if (Refusal(password) is { } refusal)
            return new Dictionary<string, string[]> { ["password"] = [refusal] };

        var account = await session.LoadAsync<Account>(userId, ct) ?? new Account { Id = userId };
        session.Store(account with
        {
            PasswordHash = Hasher.HashPassword(account, password!),
            MustChangePassword = true,
            FailedSignIns = 0,
            LockedUntil = null,
            PasswordSetAt = clock.GetUtcNow(),
        });
        await session.SaveChangesAsync(ct);
        return new Dictionary<string, string[]>();
    }

    /// <summary>Lifts a lockout at once; false when the user has no account.</summary>
    public async Task<bool> UnlockAsync(string userId, CancellationToken ct)
    {
        if (await session.LoadAsync<Account>(userId, ct) is not { } account)
            return false;
        session.Store(account with { FailedSignIns = 0, LockedUntil = null });
        await session.SaveChangesAsync(ct);
        return true;
    }

    public Task<Account?> FindAsync(string userId, CancellationToken ct) => session.LoadAsync<Account>(userId, ct);

    /// <summary>Why a password is refused, or null: only its length is ruled (NIST SP 800-63B: length over composition).</summary>
    public string? Refusal(string? password) =>
        string.IsNullOrEmpty(password) ? "is required."
        : password.Length < settings.MinimumPasswordLength ? $"must be at least {settings.MinimumPasswordLength} characters long."
        : password.Length > 256 ? "must be at most 256 characters long."
        : null;

    private void Log(string userId, string method, string outcome, string? source, DateTimeOffset at) =>
        session.Store(new SignInRecord(Guid.CreateVersion7(at), at, userId.Length > LongestUserId ? userId[..LongestUserId] : userId, method, outcome, source));
}
