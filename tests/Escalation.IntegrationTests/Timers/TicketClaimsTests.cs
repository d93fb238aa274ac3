using Escalation.Host.Features.Timers;

namespace Escalation.IntegrationTests.Timers;

/// <summary>Batches of timers in one process hold their tickets from their reads to their commit: one at a time per ticket.</summary>
public sealed class TicketClaimsTests
{
    private static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid(), C = Guid.NewGuid();

    [Fact]
    public async Task a_batch_that_shares_a_ticket_with_one_in_flight_waits_until_that_one_is_done()
    {
        var claims = new TicketClaims();
        var first = await claims.ClaimAsync([A, B], default);

        var second = claims.ClaimAsync([B, C], default);
        await Task.Delay(100);
        second.IsCompleted.ShouldBeFalse("B is held by the first batch");

        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task batches_on_other_tickets_go_at_once()
    {
        var claims = new TicketClaims();
        using var first = await claims.ClaimAsync([A], default);

        var second = claims.ClaimAsync([B, C], default);

        second.IsCompleted.ShouldBeTrue();
        (await second).Dispose();
    }

    [Fact]
    public async Task a_batch_takes_all_its_tickets_or_none_so_a_waiting_batch_holds_nothing()
    {
        var claims = new TicketClaims();
        var holdsA = await claims.ClaimAsync([A], default);
        var waitsForA = claims.ClaimAsync([A, B], default);

        // B is free while the batch that wants A and B waits: a third batch takes B at once.
        var takesB = claims.ClaimAsync([B], default);
        takesB.IsCompleted.ShouldBeTrue();

        holdsA.Dispose();
        await Task.Delay(100);
        waitsForA.IsCompleted.ShouldBeFalse("B is still held");
        (await takesB).Dispose();
        (await waitsForA.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task a_waiting_batch_that_is_cancelled_stops_waiting_and_holds_nothing()
    {
        var claims = new TicketClaims();
        using var holdsA = await claims.ClaimAsync([A], default);
        using var cancel = new CancellationTokenSource();

        var waiting = claims.ClaimAsync([A, B], cancel.Token);
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => waiting);
        (await claims.ClaimAsync([B], default).WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }
}
