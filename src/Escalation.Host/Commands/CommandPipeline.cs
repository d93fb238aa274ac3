using System.Security.Claims;
using Escalation.Domain;
using Escalation.Domain.Timers;
using Escalation.Host.Api;
using Escalation.Host.Auth;
using Escalation.Host.Notifications;
using JasperFx;
using JasperFx.Events;
using Marten;
using Wolverine;
using Wolverine.Marten.Publishing;

namespace Escalation.Host.Commands;

/// <summary>
/// Runs a command for any edge (the API, the console, the timers): the role, the fields, the idempotency key, the
/// ticket and whether the caller may see it, its version, the domain's turn; then appends its events, schedules its
/// timers and carries out its follow-ups in one transaction, and says what became of it.
/// </summary>
public sealed class CommandPipeline(
    OutboxedSessionFactory sessions, DecisionContexts decisions, Escalation.Host.Organisation.CountyReference county, Notifier notifier,
    Features.Intake.TicketNumbers numbers, Features.Timers.CatchUpGate gate)
{
    /// <summary>The name of the header each ticket event carries: the county's reference version its decision was taken under.</summary>
    public const string ReferenceHeader = "reference";

    /// <summary>
    /// Checks in this order: the role, the request's fields, the idempotency key, the ticket and whether the caller may
    /// see it, its version, another ticket the command names, the process rules; then appends (a conflict on a race).
    /// The plan's command is made only once the fields are valid.
    /// </summary>
    public Task<CommandResult> RunAsync(Guid ticketId, TicketCommandPlan plan, CommandCaller caller, IMessageBus bus, CancellationToken ct) =>
        InTransactionAsync(caller, plan.Action, plan.Fields, bus, ct, async (session, key) =>
        {
            var context = decisions.Now();
            var streams = TicketStreams.In(session);
            var ticket = ticketId == Guid.Empty ? null : await streams.StateAsync(ticketId, ct);
            if (ticket is null || await Access.LoadVisibleAsync(session, caller.User, ticketId, context.Reference, ct) is not { } view)
                return new CommandResult.NoSuchTicket(ticketId);
            var version = streams.FetchedVersion(ticketId);
            if (caller.ExpectedVersion is { } expected && expected != version)
                return new CommandResult.StaleVersion(expected, version);
            if (plan.Referenced is var (field, other) && (other == Guid.Empty || !await MaySeeAsync(caller.User, session, other, ct)))
                return CommandResult.InvalidFields.Of(field, $"there is no ticket {other}.");

            var turn = TicketTurn.Take(ticket, plan.Command(EscalationClaims.ActorOf(caller.User)), context);
            if (turn.IsRejected)
                return new CommandResult.Refused(turn.Rejection!);
            UnderReference(session, context);
            var timers = new List<ScheduledCheck>();
            if (await CarryOutAsync(streams, turn, context, timers, ct) is { } followUpRefused)
                return new CommandResult.Refused(followUpRefused);

            var done = new CommandResult.Done(
                ticketId, version + turn.Events.Count, [.. turn.Events.Select(e => e.GetType().Name)], streams.Current(ticketId).Holder, plan.Created)
            {
                Number = view.Number,
            };
            await notifier.EnqueueAsync(session, bus, streams.Taken, context.Now);
            return await SaveAsync(session, bus, timers, key, done, ct);
        });

    /// <summary>Opens a ticket: the same checks, its number drawn in the transaction, the turn of intake, and a stream of its own.</summary>
    public Task<CommandResult> ReportAsync(IntakePlan plan, CommandCaller caller, IMessageBus bus, CancellationToken ct) =>
        InTransactionAsync(caller, TicketAction.Report, plan.Fields, bus, ct, async (session, key) =>
        {
            var id = Guid.CreateVersion7();
            var context = decisions.Now();
            var number = await numbers.NextAsync(session, context.Now, ct);
            var turn = TicketTurn.Open(plan.Command(EscalationClaims.ActorOf(caller.User), id) with { Number = number }, context);
            if (turn.IsRejected)
                return new CommandResult.Refused(turn.Rejection!);
            UnderReference(session, context);
            session.Events.StartStream<Ticket>(id, turn.Events);
            var timers = new List<ScheduledCheck>();
            var streams = TicketStreams.In(session);
            await FollowUpAsync(streams, turn, context, timers, ct);
            var opened = Ticket.Replay(turn.Events);
            var done = new CommandResult.Done(id, turn.Events.Count, [.. turn.Events.Select(e => e.GetType().Name)], opened.Holder) { Number = number };
            await notifier.EnqueueAsync(session, bus, [new TurnTaken(null, 1, turn.Events), .. streams.Taken], context.Now);
            return await SaveAsync(session, bus, timers, key, done, ct);
        });

    /// <summary>
    /// Timers fell due: decide each check on its ticket as it is now, in the handler's own session, one transaction for
    /// them all. The tickets are read in one round trip, and checks on one ticket are taken in turn on its state as the
    /// earlier ones left it. A ticket that no longer exists, or a check that finds nothing to do, appends nothing.
    /// </summary>
    public async Task CheckAsync(IDocumentSession session, IReadOnlyList<CheckTimeLimit> checks, IMessageBus bus, CancellationToken ct)
    {
        var streams = await TicketStreams.FetchAsync(session, [.. checks.Select(c => c.TicketId).Distinct()], ct);
        var context = decisions.Now();
        UnderReference(session, context);
        var timers = new List<ScheduledCheck>();
        foreach (var check in checks)
        {
            if (await streams.StateAsync(check.TicketId, ct) is not { } ticket)
                continue;
            var turn = TicketTurn.Take(ticket, check, context);
            if (turn.IsRejected || turn.Events.Count == 0)
                continue;
            await CarryOutAsync(streams, turn, context, timers, ct);
        }
        await ScheduleAsync(bus, timers);
        await notifier.EnqueueAsync(session, bus, streams.Taken, context.Now);
    }

    /// <summary>Whether the user may see a ticket: one that does not exist for them is no ticket at all.</summary>
    public async Task<bool> MaySeeAsync(ClaimsPrincipal user, IQuerySession session, Guid ticketId, CancellationToken ct) =>
        await Access.LoadVisibleAsync(session, user, ticketId, county.Current, ct) is not null;

    /// <summary>Every event the session appends says which version of the county's reference data its decision was taken under.</summary>
    private static void UnderReference(IDocumentSession session, DecisionContext context) =>
        session.SetHeader(ReferenceHeader, context.Reference.Version);

    /// <summary>
    /// The checks made before anything is read (the role, the request's fields), then one session in Wolverine's outbox
    /// and one transaction for the reads, the hash chain's lookup, Marten's event numbering and the writes, rather than a
    /// pooled connection (a session reset and a commit in PostgreSQL) for each; a key used before answers as it did then.
    /// After a start with clocks overdue the command first waits its turn (<see cref="Features.Timers.CatchUpGate"/>).
    /// </summary>
    private async Task<CommandResult> InTransactionAsync(
        CommandCaller caller, TicketAction action, Fields fields, IMessageBus bus, CancellationToken ct,
        Func<IDocumentSession, (string Id, string Digest)?, Task<CommandResult>> run)
    {
        if (CheckRequest(caller.User, action, fields) is { } refused)
            return refused;
        using var turn = await gate.TakeTurnAsync(ct);
        await using var session = sessions.OpenSession(bus);
        await session.BeginTransactionAsync(ct);
        var key = KeyOf(caller);
        if (key is not null && await RecallAsync(session, key.Value, ct) is { } earlier)
            return earlier;
        return await run(session, key);
    }

    private static CommandResult? CheckRequest(ClaimsPrincipal user, TicketAction action, Fields fields) =>
        !Access.MayDo(user, action) ? new CommandResult.Forbidden(action)
        : !fields.AreValid ? new CommandResult.InvalidFields(fields.Errors)
        : null;

    /// <summary>Appends a turn's events and carries out its follow-ups; its timers and theirs are collected to be scheduled once all stand.</summary>
    private static async Task<Rejection?> CarryOutAsync(TicketStreams streams, Turn turn, DecisionContext context, List<ScheduledCheck> timers, CancellationToken ct)
    {
        streams.Append(turn);
        return await FollowUpAsync(streams, turn, context, timers, ct);
    }

    private static async Task<Rejection?> FollowUpAsync(TicketStreams streams, Turn turn, DecisionContext context, List<ScheduledCheck> timers, CancellationToken ct)
    {
        timers.AddRange(turn.Timers);
        foreach (var followUp in turn.FollowUps)
        {
            switch (followUp)
            {
                case FollowUp.KeepCitizenContact keep:
                    streams.Session.Store(new CitizenContact(keep.TicketId, keep.Name, keep.Phone));
                    break;
                case FollowUp.EraseCitizenContact erase:
                    streams.Session.Delete<CitizenContact>(erase.TicketId);
                    streams.Session.DeleteWhere<Projections.Privacy.CitizenText>(t => t.TicketId == erase.TicketId);
                    break;
                case FollowUp.OnTicket(var command, var required):
                    var next = await streams.StateAsync(command.TicketId, ct) is { } state
                        ? TicketTurn.Take(state, command, context)
                        : Turn.Refused(command.TicketId, new Rejection(RuleCodes.InvalidState, $"There is no ticket {command.TicketId}."));
                    if (next.IsRejected)
                    {
                        if (required)
                            return next.Rejection;
                        continue;
                    }
                    if (await CarryOutAsync(streams, next, context, timers, ct) is { } refused)
                        return refused;
                    break;
            }
        }
        return null;
    }

    /// <summary>A key is the caller's own: two users may use the same one.</summary>
    private static (string Id, string Digest)? KeyOf(CommandCaller caller) =>
        caller.Key is { } key ? ($"{EscalationClaims.ActorOf(caller.User).UserId}:{key.Key}", key.RequestDigest) : null;

    private static async Task<CommandResult?> RecallAsync(IQuerySession session, (string Id, string Digest) key, CancellationToken ct) =>
        await session.LoadAsync<IdempotencyRecord>(key.Id, ct) is { } first ? Replay(first, key.Digest) : null;

    private static CommandResult Replay(IdempotencyRecord first, string digest) => first.RequestDigest == digest
        ? first.Result
        : new CommandResult.Refused(new Rejection(
            RuleCodes.IdempotencyKeyReused, "This Idempotency-Key was used for a different request: use a new key for a new request."));

    /// <summary>
    /// Schedules the timers in the same transaction (Wolverine's outbox), keeps the key's answer, and commits. A
    /// concurrent append to the same stream is a conflict, and nothing of this command is kept; a concurrent retry with
    /// the same key that committed first is answered as that one was.
    /// </summary>
    private async Task<CommandResult> SaveAsync(
        IDocumentSession session, IMessageBus bus, List<ScheduledCheck> timers, (string Id, string Digest)? key, CommandResult.Done done, CancellationToken ct)
    {
        await ScheduleAsync(bus, timers);
        if (key is { } k)
            session.Insert(new IdempotencyRecord(k.Id, k.Digest, done));
        try
        {
            await session.SaveChangesAsync(ct);
            return done;
        }
        catch (Exception e) when (e is not OperationCanceledException && (key is not null || e is ConcurrencyException or EventStreamUnexpectedMaxEventIdException))
        {
            session.EjectAllPendingChanges();
            if (key is { } raced)
            {
                await using var query = session.DocumentStore.QuerySession();
                if (await RecallAsync(query, raced, ct) is { } winner)
                    return winner;
            }
            if (e is ConcurrencyException or EventStreamUnexpectedMaxEventIdException)
                return new CommandResult.Conflict(done.TicketId);
            throw;
        }
    }

    private static async Task ScheduleAsync(IMessageBus bus, List<ScheduledCheck> timers)
    {
        foreach (var timer in timers)
            await bus.ScheduleAsync(TimeLimitDue.For(timer), timer.DueAt);
    }
}
