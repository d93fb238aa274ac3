using Escalation.Domain;
using Escalation.Domain.Closure;
using Escalation.Domain.Merging;
using Escalation.Domain.Privacy;
using Escalation.Domain.Reference;
using Escalation.Domain.Timers;
using Escalation.Host.Features.Timers;
using Escalation.Host.Auth;
using Escalation.Projections;
using JasperFx.Events;
using Marten;
using Wolverine;
using JasperFx;

namespace Escalation.Host.Api;

/// <summary>The answer to a command that was carried out.</summary>
public sealed record CommandAccepted(Guid TicketId, long Version, IReadOnlyList<string> Events);

/// <summary>Either the problem to answer with, or the command carried out.</summary>
public sealed record CommandOutcome(IResult? Failure, CommandAccepted? Accepted)
{
    public static implicit operator CommandOutcome(CommandAccepted accepted) => new(null, accepted);

    public IResult ToResult() => Failure ?? Results.Ok(Accepted);
}

/// <summary>
/// Runs a command on one ticket: role, visibility, If-Match, the domain's decision, the append with
/// optimistic concurrency, and the status code for each outcome.
/// </summary>
public sealed class TicketCommandRunner(ReferenceData reference, CountySettings settings, TimeProvider clock)
{
    public DecisionContext Context() => new(clock.GetUtcNow(), reference, settings);

    public async Task<IResult> RunAsync(
        HttpContext http, IDocumentSession session, IMessageBus bus, Guid ticketId, TicketAction action, Fields fields,
        Func<Actor, ITicketCommand> command) =>
        (await ExecuteAsync(http, session, bus, ticketId, action, fields, command)).ToResult();

    /// <summary>
    /// Checks in this order: the role (403), the request's fields (400), If-Match (400), the ticket and whether
    /// the caller may see it (404), its version (412), the process rules (422); then appends (409 on a race).
    /// <paramref name="command"/> runs only once the fields are valid.
    /// </summary>
    public async Task<CommandOutcome> ExecuteAsync(
        HttpContext http, IDocumentSession session, IMessageBus bus, Guid ticketId, TicketAction action, Fields fields,
        Func<Actor, ITicketCommand> command)
    {
        if (CheckRequest(http, action, fields, out var expectedVersion) is { } refused)
            return Fail(refused);

        // The reads, the hash chain's lookup, Marten's event numbering and the writes on one connection in one
        // transaction, rather than a pooled connection (a session reset and a commit in PostgreSQL) for each.
        await session.BeginTransactionAsync(http.RequestAborted);
        var stream = await session.Events.FetchForWriting<Ticket>(ticketId, http.RequestAborted);
        if (stream.Aggregate is null || !await MaySeeAsync(http, session, ticketId))
            return Fail(Problems.NoSuchTicket(ticketId));
        if (CheckVersion(expectedVersion, stream.CurrentVersion) is { } stale)
            return Fail(stale);

        var context = Context();
        var decision = command(EscalationClaims.ActorOf(http.User)).Decide(stream.Aggregate, context);
        if (decision.IsRejected)
            return Fail(Problems.Rejected(decision.Rejection));

        var version = stream.CurrentVersion ?? 0;
        var appended = await AppendAsync(session, bus, stream, decision, context, http.RequestAborted);
        return await SaveAsync(http, session, ticketId, version + appended.Count, appended);
    }

    /// <summary>
    /// Appends a decision's events and the time limits they start, schedules those limits' timers in the same
    /// transaction (Wolverine's outbox), and makes the changes that go with the events. Returns what was appended.
    /// </summary>
    public async Task<IReadOnlyList<object>> AppendAsync(
        IDocumentSession session, IMessageBus bus, IEventStream<Ticket> stream, Decision decision, DecisionContext context, CancellationToken ct)
    {
        var clocks = Timekeeping.ClocksStartedBy(stream.Aggregate!, decision.Events, context);
        IReadOnlyList<object> appended = [.. decision.Events, .. clocks];
        stream.AppendMany(appended);
        foreach (var clock in clocks)
        {
            await bus.ScheduleAsync(TimeLimitDue.For(clock, Light.Yellow), clock.YellowAt);
            await bus.ScheduleAsync(TimeLimitDue.For(clock, Light.Red), clock.Deadline);
        }
        await AlsoChangeAsync(session, stream.Aggregate!, decision, ct);
        return appended;
    }

    /// <summary>The checks made before any ticket is loaded: role, fields and the If-Match header.</summary>
    public static IResult? CheckRequest(HttpContext http, TicketAction action, Fields fields, out long? expectedVersion)
    {
        expectedVersion = null;
        if (!Access.MayDo(http.User, action))
            return Problems.Forbidden(Describe(action));
        if (!fields.AreValid)
            return fields.Problem();
        return TryReadIfMatch(http, out expectedVersion) ? null : Problems.Invalid("If-Match", "must be a ticket version, such as \"3\".");
    }

    public static IResult? CheckVersion(long? expected, long? current) =>
        expected is { } version && version != (current ?? 0) ? Problems.Stale(version, current ?? 0) : null;

    public async Task<bool> MaySeeAsync(HttpContext http, IDocumentSession session, Guid ticketId) =>
        await session.LoadAsync<TicketView>(ticketId, http.RequestAborted) is { } view && Access.MaySee(http.User, view, reference);

    /// <summary>Saves the unit of work; a concurrent append to the same stream is a 409, and nothing of this command is kept.</summary>
    public static async Task<CommandOutcome> SaveAsync(
        HttpContext http, IDocumentSession session, Guid ticketId, long version, IReadOnlyList<object> events)
    {
        try
        {
            await session.SaveChangesAsync(http.RequestAborted);
        }
        catch (Exception e) when (e is ConcurrencyException or EventStreamUnexpectedMaxEventIdException)
        {
            // Wolverine's transactional middleware saves the session again after the endpoint: leave it nothing.
            session.EjectAllPendingChanges();
            return Fail(Problems.Conflict(e.Message));
        }
        http.Response.Headers.ETag = ETag(version);
        return new CommandAccepted(ticketId, version, [.. events.Select(e => e.GetType().Name)]);
    }

    public static CommandOutcome Fail(IResult problem) => new(problem, null);

    public static string ETag(long version) => $"\"{version}\"";

    /// <summary>What else changes in the same transaction as these events.</summary>
    private async Task AlsoChangeAsync(IDocumentSession session, Ticket ticket, Decision decision, CancellationToken ct)
    {
        if (decision.Events.OfType<CitizenDataErased>().Any())
            session.Delete<CitizenContact>(ticket.Id);

        // A duplicate follows its master: it closes when the master does.
        if (decision.Events.OfType<TicketClosed>().Any())
        {
            foreach (var duplicateId in ticket.Duplicates)
            {
                var duplicate = await session.Events.FetchForWriting<Ticket>(duplicateId, ct);
                var follow = new CloseWithMaster(duplicateId, Actor.System).Decide(duplicate.Aggregate!, Context());
                if (!follow.IsRejected)
                    duplicate.AppendMany(follow.Events);
            }
        }
    }

    private static bool TryReadIfMatch(HttpContext http, out long? version)
    {
        version = null;
        var header = http.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
            return true;
        var text = header.Trim().TrimStart('W', '/').Trim('"');
        if (!long.TryParse(text, out var parsed) || parsed < 0)
            return false;
        version = parsed;
        return true;
    }

    private static string Describe(TicketAction action) => action switch
    {
        TicketAction.NoteProgress => "note progress on tickets",
        TicketAction.BlowWhistle => "blow whistles",
        TicketAction.ReportIn => "report in to whistles",
        TicketAction.EraseCitizenData => "erase citizens' personal data",
        _ => $"{action.ToString().ToLowerInvariant()} tickets",
    };
}
