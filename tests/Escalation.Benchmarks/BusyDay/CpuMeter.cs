using System.Diagnostics;
using System.Globalization;

namespace Escalation.Benchmarks.BusyDay;

/// <summary>
/// Who used the machine's CPUs during a phase, from /proc (Linux): the host process, PostgreSQL (the postmaster,
/// its live backends, and the backends that ended, which the postmaster has reaped into its children's times), this
/// benchmark (the HTTP clients and the scheduler), and everything else. In cores: 2.0 is two cores fully busy.
/// </summary>
public sealed class CpuMeter(Func<int?> hostPid, Func<int?> postmasterPid)
{
    private const double TicksPerSecond = 100; // USER_HZ
    private long _hostTicks;

    /// <summary>Once the host has exited, its CPU time is the last seen (so a snapshot after it stopped still counts it).</summary>
    public Snapshot Take()
    {
        if (hostPid() is { } pid && ProcessTicks(pid, withChildren: false) is var ticks && ticks > 0)
            _hostTicks = ticks;
        return new Snapshot(
            Stopwatch.GetTimestamp(), MachineTicks(), _hostTicks, PostgresTicks(postmasterPid()), ProcessTicks(Environment.ProcessId, withChildren: false));
    }

    public static CpuShare Between(Snapshot from, Snapshot to)
    {
        var seconds = OpenLoop.Milliseconds(from.At, to.At) / 1000;
        double Cores(long ticks) => seconds <= 0 ? 0 : ticks / TicksPerSecond / seconds;
        var busy = Cores(to.Machine.Busy - from.Machine.Busy);
        var host = Cores(to.Host - from.Host);
        var postgres = Cores(to.Postgres - from.Postgres);
        var client = Cores(to.Client - from.Client);
        return new CpuShare(
            Math.Round(seconds, 1), Environment.ProcessorCount, Math.Round(host, 2), Math.Round(postgres, 2), Math.Round(client, 2),
            Math.Round(Math.Max(0, busy - host - postgres - client), 2),
            Math.Round(Cores(to.Machine.Idle - from.Machine.Idle), 2), Math.Round(Cores(to.Machine.Steal - from.Machine.Steal), 2));
    }

    public readonly record struct Snapshot(long At, MachineTime Machine, long Host, long Postgres, long Client);

    public readonly record struct MachineTime(long Busy, long Idle, long Steal);

    private static MachineTime MachineTicks()
    {
        if (!File.Exists("/proc/stat"))
            return default;
        // cpu  user nice system idle iowait irq softirq steal guest guest_nice
        var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        return new MachineTime(f[0] + f[1] + f[2] + f[5] + f[6], f[3] + f[4], f.Length > 7 ? f[7] : 0);
    }

    /// <summary>
    /// A backend reaped while its siblings are read would be counted in neither place, or in both: read the
    /// postmaster's own and reaped children's times before and after the live children, and again if they changed.
    /// </summary>
    private static long PostgresTicks(int? postmaster)
    {
        if (postmaster is not { } pid)
            return 0;
        for (var attempt = 0; ; attempt++)
        {
            var before = ProcessTicks(pid, withChildren: true);
            var children = 0L;
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(dir), out var child) && Stat(child) is { } s && s.ParentPid == pid)
                    children += s.User + s.System;
            }
            var after = ProcessTicks(pid, withChildren: true);
            if (after == before || attempt == 10)
                return after + children;
        }
    }

    private static long ProcessTicks(int? pid, bool withChildren) =>
        pid is { } p && Stat(p) is { } s ? s.User + s.System + (withChildren ? s.ChildrenUser + s.ChildrenSystem : 0) : 0;

    private static ProcStat? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // pid (comm) state ppid ... utime(14) stime(15) cutime(16) cstime(17): fields counted after the command name.
            var f = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            long L(int field) => long.Parse(f[field - 3], CultureInfo.InvariantCulture);
            return new ProcStat((int)L(4), L(14), L(15), L(16), L(17));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null; // the process ended while we looked
        }
    }

    private sealed record ProcStat(int ParentPid, long User, long System, long ChildrenUser, long ChildrenSystem);
}

/// <summary>CPU use during a phase, in cores (of <see cref="Cores"/>).</summary>
public sealed record CpuShare(double Seconds, int Cores, double Host, double Postgres, double Benchmark, double Others, double Idle, double Steal);
