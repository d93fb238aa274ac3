using System.Net.Http.Headers;
using Escalation.Domain.Reference;
using Escalation.Host.Auth;
using Escalation.Host.Features.Integrity;
using Escalation.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Escalation.IntegrationTests.Infrastructure;

/// <summary>
/// The real host on a database of its own. As a class fixture: a new database and the fake clock, shared by the
/// tests of one class. With <c>StartAsync</c>: a given database, extra settings and the real clock, for
/// tests that stop and start the host or wait for real timers.
/// </summary>
public sealed class EscalationApp : IAsyncLifetime
{
    private WebApplicationFactory<Program>? _factory;
    private IReadOnlyList<(string Key, string Value)> _settings = [];
    private bool _realClock;
    private bool _ownsDigestFolder;

    /// <summary>Served on a loopback port by Kestrel, for a real browser, rather than in memory.</summary>
    public bool Served { get; init; }

    /// <summary>Settings a class fixture on the fake clock adds (the notification tests' mail server and receivers).</summary>
    public IReadOnlyList<(string Key, string Value)> Settings { init => _settings = value; }

    /// <summary>Services a test adds to the real host's (an exporter, a log collector), after the host's own.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>Where a browser finds the host when it is <see cref="Served"/>.</summary>
    public Uri Address { get; private set; } = null!;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8)));
    public string ConnectionString { get; private set; } = "";

    /// <summary>Where the host writes its daily integrity digests: a folder of this app's own unless the settings name one.</summary>
    public string DigestFolder { get; private set; } = "";
    public HttpClient Client { get; private set; } = null!;
    public IServiceProvider Services => Factory.Services;
    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("The app is not started.");

    public static Task<EscalationApp> StartAsync(string connectionString, params (string Key, string Value)[] settings) =>
        StartAsync(connectionString, testServices: null, settings);

    /// <summary>A host on the wall clock on a database of the test's own, with services of the test's (a log collector).</summary>
    public static async Task<EscalationApp> StartAsync(string connectionString, Action<IServiceCollection>? testServices, params (string Key, string Value)[] settings)
    {
        var app = new EscalationApp { ConnectionString = connectionString, _settings = settings, _realClock = true, TestServices = testServices };
        await app.InitializeAsync();
        return app;
    }

    public async Task InitializeAsync()
    {
        if (ConnectionString.Length == 0)
            ConnectionString = await TestCluster.CreateDatabaseAsync("app");
        _ownsDigestFolder = !_settings.Any(s => s.Key == DigestFile.FolderSetting);
        DigestFolder = _ownsDigestFolder
            ? Path.Combine(Path.GetTempPath(), "escalation-test-digests", Guid.NewGuid().ToString("N"))
            : _settings.First(s => s.Key == DigestFile.FolderSetting).Value;
        // The tests sign in to the console with the demo picker on their real databases, and move the fake clock by hours
        // between pages: demo mode on and a long idle time, unless a test's own settings say otherwise.
        IReadOnlyList<(string Key, string Value)> given =
        [
            (DigestFile.FolderSetting, DigestFolder), ("Escalation:Auth:DemoMode", "true"), ("Escalation:Auth:IdleTimeout", "30.00:00:00"), .. _settings,
        ];
        var settings = _realClock
            ? given
            // On the fake clock the tests deliver timers themselves; Wolverine, on the wall clock, must not
            // (once the wall clock passes the fake one it would fire them early, again and again).
            // Nor does the watchdog sweep by itself: a test runs it (TimerWatchdog.SweepAsync) when its clock says so.
            : [.. given, ("Escalation:Timers:PollingInterval", "1.00:00:00"), ("Escalation:Timers:WatchdogInterval", "1.00:00:00")];
        _factory = InProcessHost.Create(ConnectionString, settings, services =>
        {
            if (!_realClock)
                services.AddSingleton<TimeProvider>(Clock);
            TestServices?.Invoke(services);
        });
        if (Served)
        {
            // A port of its own: UseKestrel(0) takes the default, 5000, which other hosts on the machine may hold.
            _factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
            _factory.StartServer();
            Address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }
        Client = _factory.CreateClient();
    }

    /// <summary>A client signed in as one of the sample county's users, with a token from the host's own issuer.</summary>
    public HttpClient ClientFor(string userId)
    {
        var user = Services.GetRequiredService<ReferenceData>().FindUser(userId)
            ?? throw new ArgumentException($"The sample county has no user {userId}.", nameof(userId));
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", Services.GetRequiredService<TokenIssuer>().IssueFor(user));
        return client;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
            await _factory.DisposeAsync();
        if (_ownsDigestFolder && Directory.Exists(DigestFolder))
            Directory.Delete(DigestFolder, recursive: true);
    }
}
