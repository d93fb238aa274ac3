using Escalation.Domain;
using Escalation.Host.Commands;
using Escalation.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Escalation.IntegrationTests.ReadModels;

/// <summary>
/// Commands and timers decide on a ticket read from its inline view, not folded from its events: the state they read
/// must be the events' fold, whatever the case went through, once it has been through the store's JSON.
/// </summary>
public sealed class WriteSideStateTests(MonthOfCases month) : IClassFixture<MonthOfCases>
{
    private IDocumentStore Store => month.App.Services.GetRequiredService<IDocumentStore>();

    private string Json(Ticket? ticket) => Store.Options.Serializer().ToJson(ticket);

    [Fact]
    public async Task every_ticket_read_for_writing_is_the_fold_of_its_events()
    {
        var ids = month.Events.Select(e => e.StreamId).Distinct().ToList();
        await using var session = Store.LightweightSession();
        var streams = await TicketStreams.FetchAsync(session, ids, CancellationToken.None);
        await using var query = Store.QuerySession();

        ids.Count.ShouldBeGreaterThan(400);
        foreach (var id in ids)
            Json(await streams.StateAsync(id, CancellationToken.None)).ShouldBe(Json(await query.Events.AggregateStreamAsync<Ticket>(id)), $"ticket {id}");
    }

    [Fact]
    public async Task a_ticket_without_its_view_is_folded_from_its_events_and_keeps_its_version()
    {
        var id = month.Events.Select(e => e.StreamId).Distinct().Last();
        await using (var delete = Store.LightweightSession())
        {
            delete.Delete<TicketView>(id);
            await delete.SaveChangesAsync();
        }

        await using var session = Store.LightweightSession();
        var streams = await TicketStreams.FetchAsync(session, [id], CancellationToken.None);
        await using var query = Store.QuerySession();

        Json(await streams.StateAsync(id, CancellationToken.None)).ShouldBe(Json(await query.Events.AggregateStreamAsync<Ticket>(id)));
        streams.FetchedVersion(id).ShouldBe(month.Events.Count(e => e.StreamId == id));
    }
}
