using System.Net.Sockets;
using JasperFx;
using JasperFx.Events;
using Npgsql;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Escalation.Host.Infrastructure;

/// <summary>
/// What Wolverine does when a handler throws. A fault that passes (the database down or restarting, a
/// deadlock, a timeout, a race on a ticket) is retried until it passes; only a message that can never
/// succeed reaches the dead letter queue, where <see cref="DeadLetterAlarm"/> raises it.
/// </summary>
public static class MessageFailures
{
    /// <summary>
    /// Inline retries first, with backoff (the message keeps its place and its worker): 25 attempts (Wolverine's
    /// most) over about 47 s of outage. Past that, the message is run again every 15 s for as long as the fault
    /// lasts. The backoff stops growing at 2 s so that a batch of timers caught by an outage tries again within 2 s of
    /// the database's return: with steps of up to 30 s a red light due during a 15 s outage came up to 14.6 s after
    /// it, with this at most 5.8 s (docs/benchmarks/faults.md). A retry against a database that is down costs only a
    /// refused connection.
    /// </summary>
    public static readonly TimeSpan[] TransientCooldowns =
    [
        TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1),
        .. Enumerable.Repeat(TimeSpan.FromSeconds(2), WolverineMostAttempts - 3),
    ];

    /// <summary>Wolverine refuses a longer list of inline retries when the host starts.</summary>
    private const int WolverineMostAttempts = 25;

    public static readonly TimeSpan TransientRescheduling = TimeSpan.FromSeconds(15);

    public static void Apply(WolverineOptions opts)
    {
        // A timer's handler may race a command on the same ticket: it retries and then finds the ticket as it is.
        opts.OnException<ConcurrencyException>().Or<EventStreamUnexpectedMaxEventIdException>()
            .RetryWithCooldown(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1))
            .Then.ScheduleRetryIndefinitely(TimeSpan.FromSeconds(5));

        opts.OnException(IsTransient, "a transient database or network fault")
            .RetryWithCooldown(TransientCooldowns)
            .Then.ScheduleRetryIndefinitely(TransientRescheduling);

        // Any other fault will not pass by itself. Said here, at the moment it happens, because Wolverine's durable
        // local queues store their dead letters themselves, past the reach of an IDeadLetterInterceptor.
        opts.OnException(_ => true, "any other fault")
            .MoveToErrorQueue()
            .And((runtime, lifecycle, exception) =>
            {
                runtime.Services.GetRequiredService<DeadLetterAlarm>().RaiseFor(lifecycle.Envelope, exception);
                return ValueTask.CompletedTask;
            }, "raise the dead letter alarm");
    }

    /// <summary>
    /// A batch of timers is not a message of its own in the inbox: its timers stay there, unsettled, until it
    /// commits. So it is never scheduled again (that would store the batch apart from its timers); it is retried
    /// in place. A race on a ticket retries it at once, a transient fault with the same backoff as above and then
    /// every 15 s for as long as the fault lasts. Any other fault runs each timer alone, so only a timer that
    /// fails by itself reaches the dead letter queue (counted and logged by <see cref="DeadLetterAlarm"/>), not
    /// the whole batch. These rules come before the global ones.
    /// </summary>
    public static void ApplyToTimerBatches(HandlerChain chain)
    {
        chain.OnException<ConcurrencyException>().Or<EventStreamUnexpectedMaxEventIdException>()
            .RetryWithCooldown(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1))
            .Then.RequeueIndefinitely();

        chain.OnException(IsTransient, "a transient database or network fault")
            .RetryWithCooldown(TransientCooldowns)
            .Then.CustomActionIndefinitely(async (_, lifecycle, _) =>
            {
                await Task.Delay(TransientRescheduling);
                await lifecycle.DeferAsync();
            }, "wait, then run the batch again");

        chain.OnException(_ => true, "any other fault").IsolateBatchMembers();
    }

    /// <summary>
    /// Whether the fault, or one it wraps (Marten wraps Npgsql's exceptions in its own), passes by itself: the
    /// server refused or dropped the connection, is shutting down or starting up (57P01–57P03), ran out of
    /// connections or resources (53xxx), chose this transaction as a deadlock or serialization victim
    /// (40P01, 40001), could not take a lock in time (55P03), cancelled a statement on a timeout (57014),
    /// or a timeout or socket error on the way. The handlers it guards are idempotent (a timer finds its light
    /// already on), so re-running one whose commit may have gone through is safe.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.IsTransient || IsTransientState(postgres.SqlState),
        NpgsqlException npgsql => npgsql.IsTransient || Wraps(npgsql),
        TimeoutException or SocketException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsTransient),
        _ => Wraps(exception),
    };

    private static bool Wraps(Exception exception) => exception.InnerException is { } inner && IsTransient(inner);

    private static bool IsTransientState(string state) =>
        state is "40001" or "40P01" or "55P03" or "57014" or "57P01" or "57P02" or "57P03"
        || state.StartsWith("08", StringComparison.Ordinal)
        || state.StartsWith("53", StringComparison.Ordinal);
}
