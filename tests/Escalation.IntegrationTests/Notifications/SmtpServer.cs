using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Escalation.IntegrationTests.Notifications;

/// <summary>
/// A real SMTP server for the tests: Debian's python3-aiosmtpd on a loopback port, writing each message it accepts to a
/// folder. Stopped (its stdin closed, then killed if need be) when disposed.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private const string Script = """
        import os, sys, uuid
        from aiosmtpd.controller import Controller

        folder, port = sys.argv[1], int(sys.argv[2])

        class Keep:
            async def handle_DATA(self, server, session, envelope):
                name = os.path.join(folder, uuid.uuid4().hex)
                with open(name + ".tmp", "wb") as f:
                    f.write(envelope.original_content or envelope.content)
                os.rename(name + ".tmp", name + ".eml")
                return "250 OK"

        controller = Controller(Keep(), hostname="127.0.0.1", port=port)
        controller.start()
        print("ready", flush=True)
        sys.stdin.read()
        controller.stop()
        """;

    private readonly Process _process;

    private SmtpServer(Process process, int port, string folder)
    {
        _process = process;
        Port = port;
        Folder = folder;
    }

    public int Port { get; }
    public string Folder { get; }

    public static async Task<SmtpServer> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("escalation-smtp-").FullName;
        var script = Path.Combine(folder, "server.py");
        await File.WriteAllTextAsync(script, Script);
        var mail = Directory.CreateDirectory(Path.Combine(folder, "mail")).FullName;
        var port = FreePort();
        var info = new ProcessStartInfo("/usr/bin/python3", [script, mail, port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line != "ready")
            throw new InvalidOperationException($"aiosmtpd did not start: {await process.StandardError.ReadToEndAsync(timeout.Token)}");
        return new SmtpServer(process, port, mail);
    }

    /// <summary>The messages received so far.</summary>
    public IReadOnlyList<MimeMessage> Messages() =>
        [.. Directory.GetFiles(Folder, "*.eml").Select(file => MimeMessage.Load(file))];

    /// <summary>Waits, for a bounded time, until at least <paramref name="count"/> messages have arrived.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan limit)
    {
        var giveUp = DateTimeOffset.UtcNow + limit;
        while (Directory.GetFiles(Folder, "*.eml").Length < count)
        {
            if (DateTimeOffset.UtcNow > giveUp)
                throw new TimeoutException($"{count} mails did not arrive within {limit}: {Directory.GetFiles(Folder, "*.eml").Length} did.");
            await Task.Delay(100);
        }
        return Messages();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(5000))
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(Path.GetDirectoryName(Folder)!, recursive: true);
    }
}
