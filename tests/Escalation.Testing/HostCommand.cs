using System.Diagnostics;

namespace Escalation.Testing;

/// <summary>
/// The built host as an operator starts it from the command line: <c>dotnet Escalation.Host.dll ...</c>, a process of
/// its own, run from the folder it was built in, with the environment given and nothing of the caller's own database
/// or benchmark settings.
/// </summary>
public static class HostCommand
{
    /// <summary>The host built beside the caller (a project that references the host gets a copy of it).</summary>
    public static string BuiltHost { get; } = Path.Combine(AppContext.BaseDirectory, "Escalation.Host.dll");

    public static ProcessStartInfo StartInfo(string hostDll, IEnumerable<string> args, IEnumerable<(string Name, string Value)> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(hostDll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(hostDll);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment.Remove("ConnectionStrings__Escalation");
        info.Environment.Remove("ESCALATION_BENCHMARK");
        foreach (var (name, value) in environment)
            info.Environment[name] = value;
        return info;
    }
}
