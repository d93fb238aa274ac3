using System.Security.Cryptography;
using System.Text;
using Escalation.Host.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace Escalation.Host.Auth;

/// <summary>
/// The key that signs and checks bearer tokens: <c>Escalation:Auth:SigningKey</c> when set (at least 32
/// characters), else a random key kept in the user's local application data, so that a local service and the
/// <c>token</c> command agree without configuration.
/// </summary>
public static class SigningKey
{
    public const string Setting = "Escalation:Auth:SigningKey";
    public const string Issuer = "escalation";
    public const string Audience = "escalation";

    public static SymmetricSecurityKey Resolve(IConfiguration configuration)
    {
        var configured = configuration[Setting];
        if (!string.IsNullOrEmpty(configured))
        {
            return configured.Length >= 32
                ? new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configured))
                : throw new StartupException($"{Setting} must be at least 32 characters long.");
        }

        var folder = Path.Combine(
            Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "Escalation");
        var file = Path.Combine(folder, "signing.key");
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return new SymmetricSecurityKey(Convert.FromBase64String(File.ReadAllText(file).Trim()));
    }
}
