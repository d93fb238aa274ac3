using System.Text.Json.Nodes;

namespace Escalation.Benchmarks.Faults;

/// <summary>
/// The sample county with time limits in seconds, so that clocks fall due, go yellow, go red and climb the tiers
/// within the run: written beside its calendars in a folder of its own (the host's <c>Escalation:ReferenceData</c>).
/// </summary>
public static class TestCounty
{
    public static string Write(string folder, int acceptSeconds, int resolveSeconds)
    {
        var data = Path.Combine(AppContext.BaseDirectory, "Data");
        var county = JsonNode.Parse(File.ReadAllText(Path.Combine(data, "sample-county.json")))!.AsObject();
        var accept = $"{acceptSeconds} seconds";
        var resolve = $"{resolveSeconds} seconds";
        JsonObject Tiers() => new() { ["village"] = resolve, ["township"] = resolve, ["county"] = resolve, ["countyLeader"] = resolve };
        county["timeLimits"] = new JsonObject
        {
            ["note"] = "The fault run's county: limits of seconds, so that timers fall due during the run.",
            ["yellowShare"] = 0.8,
            ["accept"] = new JsonObject { ["normal"] = accept, ["urgent"] = accept, ["emergency"] = accept },
            ["resolve"] = new JsonObject { ["general"] = Tiers(), ["larger"] = Tiers(), ["complex"] = Tiers(), ["enforcement"] = Tiers() },
            ["resolveCap"] = new JsonObject { ["urgent"] = resolve, ["emergency"] = resolve },
            ["reportIn"] = new JsonObject { ["normal"] = accept, ["urgent"] = accept, ["emergency"] = accept },
        };
        Directory.CreateDirectory(folder);
        foreach (var calendar in Directory.GetFiles(data, "calendar-*.json"))
            File.Copy(calendar, Path.Combine(folder, Path.GetFileName(calendar)), overwrite: true);
        var path = Path.Combine(folder, "fault-county.json");
        File.WriteAllText(path, county.ToJsonString());
        return path;
    }
}
