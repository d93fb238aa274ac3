using Escalation.Domain.Reference;

namespace Escalation.Host.Auth;

/// <summary>
/// <c>token --role &lt;role&gt; [--unit &lt;code&gt;]</c>: prints, as its last line, a bearer token for a user of the
/// county with that role (and unit). It needs no database, so the host runs it before opening one.
/// </summary>
public static class TokenCommand
{
    public static bool IsRequested(string[] args) => args is ["token", ..];

    public static int Run(string[] args, IConfiguration configuration, ReferenceData reference)
    {
        var role = Option(args, "--role");
        var unit = Option(args, "--unit");
        if (role is null || !Enum.TryParse<Role>(role, ignoreCase: true, out var parsedRole))
        {
            Console.Error.WriteLine($"Usage: token --role <{string.Join("|", Enum.GetNames<Role>().Select(n => n.ToLowerInvariant()))}> [--unit <code>]");
            return 2;
        }

        var user = reference.Users.FirstOrDefault(u => u.Role == parsedRole && (unit is null || u.UnitCode == unit));
        if (user is null)
        {
            var units = reference.Users.Where(u => u.Role == parsedRole).Select(u => u.UnitCode).Distinct();
            Console.Error.WriteLine($"No {role} user{(unit is null ? "" : $" in unit {unit}")}. Units with one: {string.Join(", ", units)}");
            return 2;
        }

        Console.WriteLine($"{user.Id} ({user.NameZh}, {EscalationClaims.RoleName(user.Role)}, {user.UnitCode})");
        Console.WriteLine(new TokenIssuer(SigningKey.Resolve(configuration)).IssueFor(user));
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
