using Microsoft.Playwright;

namespace Trax.Tests.Helpers;

/// <summary>
/// The Chromium the browser tests drive through Playwright: <c>TRAX_CHROMIUM</c> if set, else Debian's
/// <c>/usr/bin/chromium</c> (what <c>.ci/run</c> installs), else a browser Playwright installed itself. Without one the
/// tests fail, saying how to get one: a browser test that is skipped proves nothing.
/// </summary>
public static class Chromium
{
    /// <summary>Where a browser is looked for, in this order (tools/chromium.sh looks in the same places).</summary>
    public static readonly IReadOnlyList<string> Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    /// <summary>Flags for a headless run in a container or CI: no sandbox (root), no GPU, nothing that calls out.</summary>
    public static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var executable = Environment.GetEnvironmentVariable("TRAX_CHROMIUM") is { Length: > 0 } configured
            ? configured
            : Candidates.FirstOrDefault(File.Exists);
        var options = new BrowserTypeLaunchOptions { Headless = true, Args = Arguments };
        if (executable is not null)
        {
            options.ExecutablePath = executable;
        }

        try
        {
            return (playwright, await playwright.Chromium.LaunchAsync(options));
        }
        catch (PlaywrightException e)
        {
            playwright.Dispose();
            Assert.Fail(
                $"No Chromium could be started for the browser tests ({(executable ?? "none found at " + string.Join(", ", Candidates))}: {e.Message.Split('\n')[0]}). " +
                "Install Debian's: `apt-get update && apt-get install -y chromium` (as .ci/run does), or set TRAX_CHROMIUM to a Chromium or Chrome binary, " +
                "or install Playwright's own: `pwsh TraxFunctions.Tests/bin/Debug/net10.0/playwright.ps1 install chromium`.");
            throw;
        }
    }
}
