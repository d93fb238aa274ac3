using Escalation.Domain.Reference;

namespace Escalation.Host.Auth;

/// <summary>
/// <c>token --user &lt;id&gt;</c> or <c>token --role &lt;role&gt; [--unit &lt;code&gt;]</c>: prints, as its last line, a bearer
/// token for that user of the county (or the first with that role and unit), signed with the installation's key.
/// </summary>
public static class TokenCommand
{
    public static bool IsRequested(string[] args) => args is ["token", ..];

    public static int Run(string[] args, IConfiguration configuration, ReferenceData reference, string connectionString)
    {
        var userId = Option(args, "--user");
        var role = Option(args, "--role");
        var unit = Option(args, "--unit");
        User? user;
        if (userId is not null)
        {
            user = reference.FindActiveUser(userId);
            if (user is null)
            {
                Console.Error.WriteLine($"The county has no user {userId} who may sign in.");
                return 2;
            }
        }
        else if (role is null || !Enum.TryParse<Role>(role, ignoreCase: true, out var parsedRole))
        {
            Console.Error.WriteLine($"Usage: token --user <id> | token --role <{string.Join("|", Enum.GetNames<Role>().Select(n => n.ToLowerInvariant()))}> [--unit <code>]");
            return 2;
        }
        else
        {
            user = reference.Users.FirstOrDefault(u => u.Role == parsedRole && (unit is null || u.UnitCode == unit));
            if (user is null)
            {
                var units = reference.Users.Where(u => u.Role == parsedRole).Select(u => u.UnitCode).Distinct();
                Console.Error.WriteLine($"No {role} user{(unit is null ? "" : $" in unit {unit}")}. Units with one: {string.Join(", ", units)}");
                return 2;
            }
        }

        Console.WriteLine($"{user.Id} ({user.NameZh}, {EscalationClaims.RoleName(user.Role)}, {user.UnitCode})");
        Console.WriteLine(new TokenIssuer(SigningKey.Resolve(configuration, connectionString)).IssueFor(user));
        return 0;
    }

    internal static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
