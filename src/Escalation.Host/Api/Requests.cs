using Microsoft.AspNetCore.Mvc;

namespace Escalation.Host.Api;

/// <summary>A request that carries only a reason: a return, a reopening, a withdrawal.</summary>
public sealed record ReasonRequest(string? Reason);

/// <summary>A request that carries only a note: progress, urging, closing.</summary>
public sealed record NoteRequest(string? Note);

/// <summary>A department's answer to one whistle on one ticket: the route's two ids and the request's body.</summary>
public sealed class WhistleAnswer<TRequest>
{
    [FromRoute(Name = "id")]
    public Guid Id { get; set; }

    [FromRoute(Name = "whistleId")]
    public Guid WhistleId { get; set; }

    [FromBody]
    public TRequest? Body { get; set; }
}
