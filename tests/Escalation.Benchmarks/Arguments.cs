using System.Globalization;

namespace Escalation.Benchmarks;

/// <summary>
/// A benchmark's arguments: its name, then options as <c>--name value</c> or a bare <c>--flag</c>, read the same way by
/// every benchmark. They come from ESCALATION_BENCHMARK when the command line is empty: a host run in-process reads
/// the process's command line (it ends in RunJasperFxCommands), so the benchmark's own must stay out of it.
/// </summary>
public sealed class Arguments
{
    public const string Variable = "ESCALATION_BENCHMARK";

    private readonly string[] _options;

    public Arguments(params string[] args)
    {
        Benchmark = args.Length > 0 ? args[0] : "";
        _options = args.Length > 0 ? args[1..] : [];
        Command = $"dotnet Escalation.Benchmarks.dll {string.Join(' ', args)}";
    }

    /// <summary>The first argument: which benchmark to run.</summary>
    public string Benchmark { get; }

    /// <summary>The command that produced a report, as it can be typed again.</summary>
    public string Command { get; private init; }

    /// <summary>The command line's arguments, or, when there are none, ESCALATION_BENCHMARK's words.</summary>
    public static Arguments Read(string[] commandLine)
    {
        if (commandLine.Length > 0)
            return new Arguments(commandLine);
        var variable = Environment.GetEnvironmentVariable(Variable) ?? "";
        return new Arguments(variable.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            Command = $"{Variable}=\"{variable}\" dotnet Escalation.Benchmarks.dll",
        };
    }

    public bool Flag(string name) => _options.Contains(name);

    /// <summary>The value after the option's first occurrence, or null when it is absent.</summary>
    public string? Text(string name) => All(name).FirstOrDefault();

    /// <summary>The values after each occurrence of an option that may be repeated.</summary>
    public IReadOnlyList<string> All(string name) =>
        [.. _options.Select((option, i) => (option, i)).Where(x => x.option == name && x.i + 1 < _options.Length).Select(x => _options[x.i + 1])];

    public double Number(string name, double fallback) => Text(name) is { } value ? Parse(name, value) : fallback;

    public int Whole(string name, int fallback) => Text(name) is { } value ? checked((int)Parse(name, value)) : fallback;

    private static double Parse(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ArgumentException($"{name}: '{value}' is not a number.");
}
