using System.Security.Claims;
using Escalation.Domain;
using Escalation.Domain.Closure;
using Escalation.Domain.Merging;
using Escalation.Domain.Privacy;
using Escalation.Domain.Reference;
using Escalation.Domain.Timers;
using Escalation.Host.Features.Timers;
using Escalation.Host.Auth;
using JasperFx.Events;
using Marten;
using Wolverine;
using JasperFx;

namespace Escalation.Host.Api;

/// <summary>
/// A command on one ticket as a request asks for it: the action (for the role check), the request's fields as checked,
/// and the command they make once they are valid.
/// </summary>
public sealed record TicketCommandPlan(TicketAction Action, Fields Fields, Func<Actor, ITicketCommand> Command);

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

    public async Task<IResult> RunAsync(HttpContext http, IDocumentSession session, IMessageBus bus, Guid ticketId, TicketCommandPlan plan) =>
        (await ExecuteAsync(http, session, bus, ticketId, plan)).ToResult();

    /// <summary>
    /// Checks in this order: the role (403), the request's fields (400), If-Match (400), the ticket and whether
    /// the caller may see it (404), its version (412), the process rules (422); then appends (409 on a race).
    /// The plan's command is made only once the fields are valid.
    /// </summary>
    public async Task<CommandOutcome> ExecuteAsync(HttpContext http, IDocumentSession session, IMessageBus bus, Guid ticketId, TicketCommandPlan plan)
    {
        if (CheckRequest(http, plan.Action, plan.Fields, out var expectedVersion) is { } refused)
            return Fail(refused);
        var outcome = await DecideAsync(http.User, session, bus, ticketId, plan.Command, expectedVersion, http.RequestAborted);
        if (outcome.Accepted is { } accepted)
            http.Response.Headers.ETag = ETag(accepted.Version);
        return outcome;
    }

    /// <summary>The same checks and outcomes for a caller that is not an API request (the web console), with the version it saw.</summary>
    public Task<CommandOutcome> ExecuteAsync(
        ClaimsPrincipal user, IDocumentSession session, IMessageBus bus, Guid ticketId, TicketCommandPlan plan, long? expectedVersion, CancellationToken ct) =>
        CheckRequest(user, plan.Action, plan.Fields) is { } refused
            ? Task.FromResult(Fail(refused))
            : DecideAsync(user, session, bus, ticketId, plan.Command, expectedVersion, ct);

    private async Task<CommandOutcome> DecideAsync(
        ClaimsPrincipal user, IDocumentSession session, IMessageBus bus, Guid ticketId, Func<Actor, ITicketCommand> command, long? expectedVersion,
        CancellationToken ct)
    {
        // The reads, the hash chain's lookup, Marten's event numbering and the writes on one connection in one
        // transaction, rather than a pooled connection (a session reset and a commit in PostgreSQL) for each.
        // Marten refuses the empty id as a stream id (it throws); no ticket has it.
        if (ticketId == Guid.Empty)
            return Fail(Problems.NoSuchTicket(ticketId));
        await session.BeginTransactionAsync(ct);
        var stream = await session.Events.FetchForWriting<Ticket>(ticketId, ct);
        if (stream.Aggregate is null || !await MaySeeAsync(user, session, ticketId, ct))
            return Fail(Problems.NoSuchTicket(ticketId));
        if (CheckVersion(expectedVersion, stream.CurrentVersion) is { } stale)
            return Fail(stale);

        var context = Context();
        var decision = command(EscalationClaims.ActorOf(user)).Decide(stream.Aggregate, context);
        if (decision.IsRejected)
            return Fail(Problems.Rejected(decision.Rejection));

        var version = stream.CurrentVersion ?? 0;
        var appended = await AppendAsync(session, bus, stream, decision, context, ct);
        return await SaveAsync(session, ticketId, version + appended.Count, appended, ct);
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
        if (CheckRequest(http.User, action, fields) is { } refused)
            return refused;
        return TryReadIfMatch(http, out expectedVersion) ? null : Problems.Invalid("If-Match", "must be a ticket version, such as \"3\".");
    }

    private static IResult? CheckRequest(ClaimsPrincipal user, TicketAction action, Fields fields) =>
        !Access.MayDo(user, action) ? Problems.Forbidden(Describe(action))
        : !fields.AreValid ? fields.Problem()
        : null;

    public static IResult? CheckVersion(long? expected, long? current) =>
        expected is { } version && version != (current ?? 0) ? Problems.Stale(version, current ?? 0) : null;

    public async Task<bool> MaySeeAsync(ClaimsPrincipal user, IQuerySession session, Guid ticketId, CancellationToken ct) =>
        await Access.LoadVisibleAsync(session, user, ticketId, reference, ct) is not null;

    /// <summary>Saves the unit of work; a concurrent append to the same stream is a 409, and nothing of this command is kept.</summary>
    public static async Task<CommandOutcome> SaveAsync(
        IDocumentSession session, Guid ticketId, long version, IReadOnlyList<object> events, CancellationToken ct)
    {
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is ConcurrencyException or EventStreamUnexpectedMaxEventIdException)
        {
            // Wolverine's transactional middleware saves the session again after the endpoint: leave it nothing.
            session.EjectAllPendingChanges();
            return Fail(Problems.Conflict());
        }
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
