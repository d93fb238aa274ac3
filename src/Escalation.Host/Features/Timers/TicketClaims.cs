namespace Escalation.Host.Features.Timers;

/// <summary>
/// Which tickets a batch of timers in this process is deciding on, from its reads to its commit. After a restart a
/// ticket's yellow and red timers are often both overdue and fall into different batches, which run at once: both
/// append to the ticket's stream, one loses the race, and its whole batch (up to 100 timers) is rolled back and run
/// again. A batch that claims its tickets first waits instead for the one that holds any of them. A batch claims all
/// its tickets or none, so no two batches wait on each other. Only batches in one process are kept apart: a race with
/// another node or with a user's command is still a conflict, retried.
/// </summary>
public sealed class TicketClaims
{
    private readonly Dictionary<Guid, Task> _held = [];

    /// <summary>Waits until none of the tickets is held by another batch, then holds them all until disposed.</summary>
    public async Task<IDisposable> ClaimAsync(IReadOnlyCollection<Guid> tickets, CancellationToken ct)
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        while (true)
        {
            Task[] holders;
            lock (_held)
            {
                holders = [.. tickets.Select(t => _held.GetValueOrDefault(t)).OfType<Task>().Distinct()];
                if (holders.Length == 0)
                {
                    foreach (var ticket in tickets)
                        _held[ticket] = released.Task;
                    return new Claim(this, tickets, released);
                }
            }
            await Task.WhenAll(holders).WaitAsync(ct);
        }
    }

    private sealed class Claim(TicketClaims claims, IReadOnlyCollection<Guid> tickets, TaskCompletionSource released) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed)
                return;
            _disposed = true;
            lock (claims._held)
            {
                foreach (var ticket in tickets)
                    claims._held.Remove(ticket);
            }
            released.SetResult();
        }
    }
}
