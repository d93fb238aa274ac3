using System.Text.Json.Nodes;

namespace Escalation.IntegrationTests.Infrastructure;

/// <summary>The sample county with a limit to accept of a few seconds, so that real timers fall due within a test.</summary>
public sealed class ShortLimits : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("escalation-timers-").FullName;

    public ShortLimits(TimeSpan accept) => Accept = accept;

    public TimeSpan Accept { get; }

    /// <summary>The host's settings for that county, Wolverine polling every 100 ms, and any more given.</summary>
    public (string, string)[] Settings(params (string, string)[] more)
    {
        var data = Path.Combine(AppContext.BaseDirectory, "Data");
        var county = JsonNode.Parse(File.ReadAllText(Path.Combine(data, "sample-county.json")))!;
        county["timeLimits"]!["accept"]!["normal"] = $"{Accept.TotalSeconds} seconds";
        var file = Path.Combine(_folder, "county.json");
        File.WriteAllText(file, county.ToJsonString());
        return [("Escalation:ReferenceData", file), ("Escalation:Calendars", data), ("Escalation:Timers:PollingInterval", "00:00:00.100"), .. more];
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
