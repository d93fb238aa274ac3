using System.Text.RegularExpressions;

namespace Escalation.Host.Api;

/// <summary>
/// Wolverine answers a body that System.Text.Json cannot read with its own problem ("Invalid JSON format") whose detail
/// is the serializer's message: .NET type names and a parser's wording. This turns it into the API's 400, naming the
/// field from the message's JSON path (<c>$.citizen.name</c> is <c>citizen.name</c>, the whole body is <c>body</c>).
/// </summary>
public static partial class UnreadableBody
{
    private const string WolverineTitle = "Invalid JSON format";
    private const int MaxFieldLength = 100;

    public static void Rewrite(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem is not { Status: StatusCodes.Status400BadRequest, Title: WolverineTitle })
            return;

        var (field, reason) = Describe(problem.Detail ?? "");
        problem.Type = "https://escalation.example/problems/invalid-request";
        problem.Title = "The request is invalid.";
        problem.Detail = null;
        problem.Extensions.Remove("lineNumber");
        problem.Extensions.Remove("bytePositionInLine");
        problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [reason] };
    }

    /// <summary>The field a serializer message is about, and why it could not be read, in the API's words.</summary>
    public static (string Field, string Reason) Describe(string message)
    {
        var match = SerializerMessage().Match(message);
        if (!match.Success)
            return ("body", "must be a JSON object.");
        var path = match.Groups["path"].Value.TrimStart('$').TrimStart('.');
        var field = path.Length == 0 ? "body" : path.Length > MaxFieldLength ? path[..MaxFieldLength] + "…" : path;
        // "The JSON value could not be converted to …": the value is of another JSON type, or text that is not Unicode
        // (a lone surrogate such as \ud800). Anything else is the JSON itself being malformed at that point.
        var reason = match.Groups["message"].Value.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            ? field == "body" ? "must be a JSON object." : "has the wrong JSON type, or is text that is not valid Unicode (such as a lone surrogate)."
            : $"is not well-formed JSON (line {Number(match, "line") + 1}, byte {Number(match, "byte")}).";
        return (field, reason);
    }

    private static long Number(Match match, string group) => long.Parse(match.Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<message>.*?) Path: (?<path>.*) \| LineNumber: (?<line>\d+) \| BytePositionInLine: (?<byte>\d+)\.$", RegexOptions.Singleline)]
    private static partial Regex SerializerMessage();
}
