using System.Security.Claims;
using Escalation.Domain.Reference;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Escalation.Host.Auth;

/// <summary>Signs bearer tokens for the county's users. Tokens live in wall-clock time, not in the cases' time.</summary>
public sealed class TokenIssuer(SymmetricSecurityKey key)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    public string IssueFor(User user) => IssueFor(user, DateTime.UtcNow);

    /// <summary>A token issued at <paramref name="now"/> (UTC): the tests' expired tokens.</summary>
    public string IssueFor(User user, DateTime now)
    {
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = SigningKey.Issuer,
            Audience = SigningKey.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
            Subject = new ClaimsIdentity(EscalationClaims.For(user)),
        });
    }
}
