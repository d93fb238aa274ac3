namespace Escalation.Host.Api;

/// <summary>A request that carries only a reason: a return, a reopening, a withdrawal.</summary>
public sealed record ReasonRequest(string? Reason);

/// <summary>A request that carries only a note: progress, urging, closing.</summary>
public sealed record NoteRequest(string? Note);
