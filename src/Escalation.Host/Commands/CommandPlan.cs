using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Security.Claims;
using Escalation.Domain;
using Escalation.Domain.Intake;
using Escalation.Host.Api;

namespace Escalation.Host.Commands;

/// <summary>
/// A command on one ticket as a request asks for it: the action (for the role check), the request's fields as checked,
/// and the command they make once they are valid.
/// </summary>
public sealed record TicketCommandPlan(TicketAction Action, Fields Fields, Func<Actor, ITicketCommand> Command)
{
    /// <summary>Another ticket the command names, and the field naming it: it must exist for the caller.</summary>
    public (string Field, Guid TicketId)? Referenced { get; init; }

    /// <summary>The id the command gives what it makes (a whistle), answered with it.</summary>
    public Guid? Created { get; init; }
}

/// <summary>A new ticket as a request asks for it: the fields as checked, and the report they make for a new id.</summary>
public sealed record IntakePlan(Fields Fields, Func<Actor, Guid, ReportTicket> Command);

/// <summary>
/// Who asks, and how: the version of the ticket they acted on (If-Match), and their idempotency key with a digest of
/// what they asked, so that a retry answers as the first request did.
/// </summary>
public sealed record CommandCaller(ClaimsPrincipal User, long? ExpectedVersion = null, RequestKey? Key = null);

/// <summary>A caller's idempotency key and the digest of the request it came with.</summary>
public sealed record RequestKey(string Key, string RequestDigest)
{
    /// <summary>The key with a digest of what the request asked, whatever the key: the action, the ticket and the body.</summary>
    public static RequestKey For(string key, string action, Guid ticketId, object? request) => new(key, Convert.ToHexString(SHA256.HashData(
        Encoding.UTF8.GetBytes($"{action}\n{ticketId}\n{(request is null ? "" : JsonSerializer.Serialize(request, request.GetType()))}"))));
}

/// <summary>What a keyed request did the first time: a retry with the same key and request gets the same answer.</summary>
public sealed record IdempotencyRecord(string Id, string RequestDigest, CommandResult.Done Result);
