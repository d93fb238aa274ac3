using System.Security.Cryptography;
using System.Text;
using Escalation.Host.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace Escalation.Host.Auth;

/// <summary>
/// The key that signs and checks bearer tokens: <c>Escalation:Auth:SigningKey</c> when set (at least 32 characters),
/// else the installation's own key, kept in its database (<see cref="InstallationSecrets"/>), so the service and the
/// <c>token</c> command on the same database agree without configuration and no other installation shares it.
/// </summary>
public static class SigningKey
{
    public const string Setting = "Escalation:Auth:SigningKey";
    public const string Issuer = "escalation";
    public const string Audience = "escalation";

    /// <summary>The configured key, else the database's at <paramref name="connectionString"/>; with neither, a key of this process only (codegen signs nothing).</summary>
    public static SymmetricSecurityKey Resolve(IConfiguration configuration, string? connectionString = null)
    {
        var configured = configuration[Setting];
        if (!string.IsNullOrEmpty(configured))
        {
            return configured.Length >= 32
                ? new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configured))
                : throw new StartupException($"{Setting} must be at least 32 characters long.");
        }
        return new SymmetricSecurityKey(connectionString is null
            ? RandomNumberGenerator.GetBytes(32)
            : Convert.FromBase64String(InstallationSecrets.SigningKey(connectionString)));
    }
}
