using System.Diagnostics;
using System.Text.RegularExpressions;
using Trax.Tests.Helpers;

namespace Trax.Tests.Infra;

/// <summary>
/// tools/chromium.sh, which CI and the pipeline run before the browser tests: it looks where the tests look, and a
/// browser named in <c>TRAX_CHROMIUM</c> is taken as it is (run for real: bash, so not on Windows).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class ChromiumScriptTests
{
    private static readonly string Script = File.ReadAllText(RepoPaths.File("tools", "chromium.sh"));

    [Test]
    public void Script_LooksForTheBrowsersTheTestsLaunch_InTheirOrder()
    {
        var listed = CandidateLine().Match(Script);

        Assert.That(listed.Success, Is.True, "a line `for candidate in …; do`");
        Assert.That(listed.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(Chromium.Candidates));
    }

    [Test]
    public void Script_WithTraxChromiumSet_TakesItAndInstallsNothing()
    {
        var start = new ProcessStartInfo("/bin/bash", [RepoPaths.File("tools", "chromium.sh")]) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.Environment["TRAX_CHROMIUM"] = "/opt/some/chrome";
        start.Environment["PATH"] = "/nonexistent";
        using var script = Process.Start(start)!;
        var output = script.StandardOutput.ReadToEnd() + script.StandardError.ReadToEnd();
        script.WaitForExit();

        Assert.That(script.ExitCode, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("/opt/some/chrome"));
    }

    [GeneratedRegex(@"for candidate in ([^;]+); do")]
    private static partial Regex CandidateLine();
}
