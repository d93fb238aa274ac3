using Microsoft.Playwright;

namespace Escalation.IntegrationTests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright: the browser is the machine's own (never downloaded), started headless
/// with the network-quiet flags a closed machine needs. Screenshots go to TestResults/screenshots of the integration tests' project.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Chromium { get; private set; } = null!;

    public static string ScreenshotFolder { get; } = Path.Combine(Repository.Folder, "tests", "Escalation.IntegrationTests", "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"Browser tests need Debian's Chromium at {ExecutablePath}: apt-get install chromium.");
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>A fresh browser context (its own cookies) on the host, at a laptop's screen size unless told otherwise.</summary>
    public async Task<IPage> NewPageAsync(Uri host, int width = 1366, int height = 768)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
        });
        // Generous: CI shares two cores between the host, PostgreSQL and the browser.
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
            await Chromium.DisposeAsync();
        _playwright?.Dispose();
    }
}
