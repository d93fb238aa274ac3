using Escalation.Domain.Timers;
using Escalation.Host;
using Escalation.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Escalation.IntegrationTests.Foundation;

/// <summary>What the host's own OpenTelemetry set-up exports, read by an in-memory exporter added to its meter provider.</summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private readonly List<Metric> _exported = [];
    private readonly EscalationApp _app;

    public TelemetryTests() =>
        _app = new EscalationApp { TestServices = services => services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddInMemoryExporter(_exported)) };

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task wolverine_exports_the_execution_time_of_a_timer_it_handled()
    {
        var id = await _app.ClientFor("op-01").ReportAsync();
        await _app.ClientFor("disp-SC-T01").DoAsync(id, "triage", new { categoryCode = "M-LE-01" });
        await _app.DeliverAsync((await _app.ClocksAsync(id)).Single(c => c.Clock == Clock.Accept), Light.Yellow);

        _app.Services.GetRequiredService<MeterProvider>().ForceFlush().ShouldBeTrue();

        (await _app.EventsAsync(id)).OfType<WarningLightLit>().ShouldHaveSingleItem();
        _exported.Where(m => m.MeterName == $"Wolverine:{HostSetup.ServiceName}").Select(m => m.Name).ShouldContain("wolverine-execution-time");
    }

    /// <summary>Nothing listens to the traces' sources unless they are exported: no activity is built for each SQL command only to be dropped.</summary>
    [Fact]
    public void without_an_exporter_nothing_is_traced() =>
        _app.Services.GetService<TracerProvider>().ShouldBeNull();
}
