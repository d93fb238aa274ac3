using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Escalation.Domain.Reference;
using Escalation.Host.Auth;
using Escalation.Host.Reference;
using Escalation.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace Escalation.IntegrationTests.Foundation;

/// <summary>
/// The built host in Production serves from the Wolverine code the build generated into its assembly and never
/// loads Roslyn; told to generate dynamically, it compiles with Roslyn, which shows that the probe (the assemblies
/// mapped into the process, from /proc) sees it when it is there.
/// </summary>
public sealed class ProductionCodegenTests
{
    private const string Key = "production-codegen-tests-signing-key";

    [Fact]
    public async Task production_serves_from_the_generated_code_and_never_loads_roslyn()
    {
        var run = await ServeOneRequestAsync();

        run.Log.ShouldContain("code generation mode is Static");
        run.Roslyn.ShouldBeEmpty();
    }

    [Fact]
    public async Task production_told_to_generate_dynamically_compiles_with_roslyn()
    {
        var run = await ServeOneRequestAsync(("Escalation__Codegen", "Dynamic"));

        run.Log.ShouldContain("code generation mode is Dynamic");
        run.Roslyn.ShouldContain("Microsoft.CodeAnalysis.CSharp.dll");
    }

    /// <summary>Starts the host, waits until it is ready, lists one page of tickets, and reads which Roslyn assemblies it mapped.</summary>
    private static async Task<(string Log, IReadOnlyList<string> Roslyn)> ServeOneRequestAsync(params (string Name, string Value)[] settings)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        // No arguments, as `dotnet run --project src/Escalation.Host` starts it: the address comes from the environment.
        await using var host = HostProcess.Start([],
        [
            ("ASPNETCORE_URLS", address.ToString().TrimEnd('/')),
            ("ASPNETCORE_ENVIRONMENT", "Production"),
            ("DOTNET_ENVIRONMENT", "Production"),
            ("ConnectionStrings__Escalation", await TestCluster.CreateDatabaseAsync("codegen")),
            ("Escalation__Auth__SigningKey", Key),
            ("Escalation__Integrity__DigestFolder", Directory.CreateTempSubdirectory("escalation-codegen-digests").FullName),
            ("Logging__LogLevel__Wolverine", "Information"),
            .. settings,
        ]);
        // Dynamic mode compiles the endpoint during the first request: seconds of Roslyn, more on a busy machine.
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(90) };
        await WaitUntilReadyAsync(client, host);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/tickets");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TokenForAnOperator());
        using var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, host.Output);

        var roslyn = (await File.ReadAllLinesAsync($"/proc/{host.Pid}/maps"))
            .Select(line => Path.GetFileName(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]))
            .Where(file => file.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        return (host.Output, roslyn);
    }

    private static async Task WaitUntilReadyAsync(HttpClient client, RunningHost host)
    {
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (!host.HasExited)
        {
            try
            {
                using var ready = await client.GetAsync("/health/ready", giveUp.Token);
                if (ready.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100, giveUp.Token);
        }
        throw new InvalidOperationException($"The host exited before it was ready:\n{host.Output}");
    }

    private static string TokenForAnOperator()
    {
        var reference = ReferenceDataLoader.Load(new ConfigurationBuilder().Build());
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Key));
        return new TokenIssuer(key).IssueFor(reference.Users.First(u => u.Role == Role.Operator));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
