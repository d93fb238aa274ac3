using System.Security.Claims;
using Escalation.Domain;
using Escalation.Domain.Reference;

namespace Escalation.Host.Auth;

/// <summary>The claims a token carries, and the actor they make.</summary>
public static class EscalationClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Unit = "unit";

    /// <summary>The claims of a user: the same for an API token and a console sign-in.</summary>
    public static Claim[] For(User user) =>
    [
        new(Subject, user.Id),
        new(Name, user.NameZh),
        new(Role, RoleName(user.Role)),
        new(Unit, user.UnitCode),
    ];

    public static string RoleName(Role role) => role.ToString().ToLowerInvariant();

    public static Role? RoleOf(ClaimsPrincipal user) =>
        Enum.TryParse<Role>(user.FindFirstValue(Role), ignoreCase: true, out var role) ? role : null;

    public static Actor ActorOf(ClaimsPrincipal user) =>
        new(user.FindFirstValue(Subject) ?? "", user.FindFirstValue(Role) ?? "", user.FindFirstValue(Unit) ?? "");
}
