using System.Net.Http.Json;
using Escalation.Domain.Reference;
using Escalation.Host.Features.Timers;
using Escalation.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Escalation.IntegrationTests.Clocks;

/// <summary>Each clock's explanation names the rule's figure and setting and the reference data version, through the real host.</summary>
public sealed class ClockRuleTests(EscalationApp app) : IClassFixture<EscalationApp>
{
    private readonly HttpClient _operator = app.ClientFor("op-01");
    private readonly HttpClient _township = app.ClientFor("disp-SC-T01");
    private readonly HttpClient _village = app.ClientFor("disp-SC-T01-V01");

    [Fact]
    public async Task the_limit_to_resolve_names_its_figure_its_setting_and_the_reference_version_in_english_and_chinese()
    {
        var version = app.Services.GetRequiredService<ReferenceData>().Version;
        var id = await _operator.ReportAsync();
        await _township.DoAsync(id, "triage", new { categoryCode = "M-LE-06" });
        await _township.DoAsync(id, "accept");

        var english = (await ExplainAsync(id, "en")).Single(c => c.Clock == "resolve");
        var chinese = (await ExplainAsync(id, null)).Single(c => c.Clock == "resolve");

        english.Sentences.ShouldContain("The rule: 1 working day (timeLimits.resolve.enforcement.township).");
        english.Sentences.ShouldContain($"Reference data version {version}.");
        chinese.Sentences.ShouldContain("依据规则：1个工作日（timeLimits.resolve.enforcement.township）");
        (await ExplainAsync(id, "en")).Single(c => c.Clock == "triage").Sentences.ShouldContain("The rule: 1 day (timeLimits.triage.normal).");
    }

    private async Task<IReadOnlyList<ClockExplanation>> ExplainAsync(Guid id, string? language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/tickets/{id}/clocks");
        if (language is not null)
            request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await _township.SendAsync(request);
        return (await response.Content.ReadFromJsonAsync<List<ClockExplanation>>())!;
    }
}
