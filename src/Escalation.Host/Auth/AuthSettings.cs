using Escalation.Host.Infrastructure;
using Escalation.Host.Reference;

namespace Escalation.Host.Auth;

/// <summary>
/// How people sign in (<c>Escalation:Auth</c>): the demo picker, lockout after failed passwords, the console's idle
/// expiry, the shortest password, and single sign-on (<see cref="OidcSettings"/>) when configured.
/// </summary>
public sealed record AuthSettings
{
    public const string Section = "Escalation:Auth";

    /// <summary>
    /// The demo user picker: anyone picks any user with no password. Null (unset): on with the built-in database and the
    /// sample county, off as soon as either is the county's own (a connection string or a reference data file is set).
    /// </summary>
    public bool? DemoMode { get; init; }

    /// <summary>Failed passwords in a row that lock an account.</summary>
    public int MaxFailedSignIns { get; init; } = 5;

    /// <summary>How long a locked account stays locked (an administrator may unlock it sooner).</summary>
    public TimeSpan LockoutDuration { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>A console session with no request for this long is over.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(30);

    public int MinimumPasswordLength { get; init; } = 10;

    public OidcSettings? Oidc { get; init; }

    /// <summary>Tokens (the host's and the identity provider's) are honoured at most this long past their expiry.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public bool Demo { get; private init; }

    public static AuthSettings From(IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<AuthSettings>() ?? new AuthSettings();
        var sampleCounty = string.IsNullOrWhiteSpace(configuration.GetConnectionString(Database.ConnectionStringName))
            && string.IsNullOrWhiteSpace(configuration[ReferenceDataLoader.Setting]);
        if (settings.MaxFailedSignIns < 1)
            throw new StartupException($"{Section}:MaxFailedSignIns must be 1 or more.");
        if (settings.MinimumPasswordLength < 8)
            throw new StartupException($"{Section}:MinimumPasswordLength must be 8 or more.");
        if (settings.IdleTimeout <= TimeSpan.Zero)
            throw new StartupException($"{Section}:IdleTimeout must be positive.");
        if (settings.Oidc is { } oidc && (string.IsNullOrWhiteSpace(oidc.Authority) || string.IsNullOrWhiteSpace(oidc.ClientId)))
            throw new StartupException($"{Section}:Oidc needs Authority and ClientId.");
        return settings with { Demo = settings.DemoMode ?? sampleCounty, Oidc = settings.Oidc is { Authority.Length: > 0 } ? settings.Oidc : null };
    }
}

/// <summary>
/// Single sign-on with the county's OpenID Connect provider (<c>Escalation:Auth:Oidc</c>): the console signs people in
/// there, and the API accepts that provider's access tokens as well as its own.
/// </summary>
public sealed record OidcSettings
{
    public string Authority { get; init; } = "";
    public string ClientId { get; init; } = "";
    public string? ClientSecret { get; init; }

    /// <summary>The claim that carries the county's user id (the provider's user name for the person).</summary>
    public string UserIdClaim { get; init; } = "sub";

    /// <summary>The audience the provider's access tokens for this API carry.</summary>
    public string Audience { get; init; } = "escalation";

    /// <summary>Off only for a provider on plain HTTP in a test: the provider's metadata must come over HTTPS.</summary>
    public bool RequireHttpsMetadata { get; init; } = true;

    /// <summary>
    /// Integrations with client credentials (a machine, no person): the provider's client id mapped to the county user
    /// it acts as, e.g. the city's 12345 platform as an operator: <c>"Clients": { "platform-12345": "op-01" }</c>.
    /// </summary>
    public Dictionary<string, string> Clients { get; init; } = [];
}
