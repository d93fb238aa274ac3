using System.Net;
using System.Net.Http.Json;
using Escalation.Domain.Reference;
using Escalation.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Escalation.IntegrationTests.Organisation;

/// <summary>Two nodes on one database: a change made on one is in force on the other without a restart.</summary>
public sealed class CountyNodesTests : IAsyncLifetime
{
    private EscalationApp _first = null!;
    private EscalationApp _second = null!;

    public async Task InitializeAsync()
    {
        var database = await TestCluster.CreateDatabaseAsync("county-nodes");
        _first = await EscalationApp.StartAsync(database, ("Escalation:Deployment", "MultiNode"));
        _second = await EscalationApp.StartAsync(database, ("Escalation:Deployment", "MultiNode"));
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task a_village_added_on_one_node_takes_tickets_on_the_other()
    {
        var added = await _first.ClientFor("admin").PostAsJsonAsync("/api/county/units",
            new { code = "SC-T08-V90", nameZh = "新设村", nameEn = "New Village", kind = "village", parentCode = "SC-T08", why = "新设" });
        await added.ShouldHaveStatusAsync(HttpStatusCode.OK);

        // The other node hears of it by NOTIFY, at once: wait for that, no longer than a few seconds.
        var other = _second.Services.GetRequiredService<Escalation.Host.Organisation.CountyReference>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (other.Current.FindUnit("SC-T08-V90") is null && DateTime.UtcNow < deadline)
            await Task.Delay(50);

        other.Current.FindUnit("SC-T08-V90").ShouldBe(new Unit("SC-T08-V90", "新设村", "New Village", UnitKind.Village, "SC-T08"));
        await _second.ClientFor("op-01").ReportAsync(Api.NewTicket(villageCode: "SC-T08-V90"));
    }
}
