using Escalation.Domain;

namespace Escalation.Host.Commands;

/// <summary>
/// What became of a command: done, or exactly why not. Closed: each edge (the API, the console) maps every case once,
/// and a new case fails to compile until both do.
/// </summary>
public abstract record CommandResult
{
    private CommandResult()
    {
    }

    /// <param name="Version">The ticket's version after the command: what If-Match names next.</param>
    /// <param name="Events">The names of the events the command appended to the ticket, in order.</param>
    /// <param name="Holder">Who holds the ticket afterwards.</param>
    /// <param name="Created">The id of what the command made besides events, when it made something (a whistle).</param>
    public sealed record Done(Guid TicketId, long Version, IReadOnlyList<string> Events, string Holder, Guid? Created = null) : CommandResult
    {
        /// <summary>The number of the ticket an intake opened.</summary>
        public string? Number { get; init; }
    }

    /// <summary>The caller's role may not ask for this action at all.</summary>
    public sealed record Forbidden(TicketAction Action) : CommandResult;

    /// <summary>The request's fields, each with why it is invalid.</summary>
    public sealed record InvalidFields(IReadOnlyDictionary<string, string[]> Errors) : CommandResult
    {
        public static InvalidFields Of(string field, string reason) => new(new Dictionary<string, string[]> { [field] = [reason] });
    }

    /// <summary>No such ticket, or none the caller may see: the two are told apart to nobody.</summary>
    public sealed record NoSuchTicket(Guid TicketId) : CommandResult;

    /// <summary>The caller acted on a version of the ticket that is no longer current.</summary>
    public sealed record StaleVersion(long Expected, long Current) : CommandResult;

    /// <summary>A rule of the process refused the command.</summary>
    public sealed record Refused(Rejection Rejection) : CommandResult;

    /// <summary>Someone else changed the ticket while this command was being decided; nothing of it was kept.</summary>
    public sealed record Conflict(Guid TicketId) : CommandResult;
}
