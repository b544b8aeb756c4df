using System.Diagnostics;

namespace Trax.Tests.Infra;

/// <summary>tools/bicep-build.sh, the CI gate for the templates: it must fail when the Bicep CLI finds a problem.</summary>
public sealed class BicepBuildScriptTests
{
    private DirectoryInfo copy = null!;

    [SetUp]
    public void SetUp()
    {
        // A copy of what the script reads, so the repository's own infra/bin is never touched.
        copy = Directory.CreateTempSubdirectory("trax-bicep-");
        CopyDirectory(RepoPaths.File("infra"), Path.Combine(copy.FullName, "infra"), skip: "bin");
        CopyDirectory(RepoPaths.File("tools"), Path.Combine(copy.FullName, "tools"), skip: "obj");
        foreach (var file in new[] { "bicepconfig.json", "global.json", "Directory.Build.props" })
        {
            File.Copy(RepoPaths.File(file), Path.Combine(copy.FullName, file));
        }
    }

    [TearDown]
    public void TearDown() => copy.Delete(recursive: true);

    [Test]
    public async Task BicepBuild_TemplateWithALinterError_FailsAndNamesTheRule()
    {
        File.AppendAllText(Path.Combine(copy.FullName, "infra", "app", "storage.bicep"), "\nparam forgotten string = 'x'\n");

        var (exitCode, output) = await RunAsync();

        Assert.That(exitCode, Is.Not.Zero);
        Assert.That(output, Does.Contain("no-unused-params"));
        Assert.That(File.Exists(Path.Combine(copy.FullName, "infra", "bin", "main.json")), Is.False, "nothing is built from a failing template");
    }

    [Test]
    public async Task BicepBuild_TemplateWithAWarning_Fails()
    {
        // A warning the configuration cannot raise to an error: a value that may exceed the parameter's maximum.
        var main = Path.Combine(copy.FullName, "infra", "main.bicep");
        File.WriteAllText(main, File.ReadAllText(main).Replace("@maxValue(24)\nparam silentHours", "@maxValue(48)\nparam silentHours", StringComparison.Ordinal));

        var (exitCode, output) = await RunAsync();

        Assert.That(exitCode, Is.Not.Zero);
        Assert.That(output, Does.Contain("Warning").And.Contain("reported warnings"));
    }

    private async Task<(int ExitCode, string Output)> RunAsync()
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(copy.FullName, "tools", "bicep-build.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    private static void CopyDirectory(string from, string to, string skip)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.EnumerateDirectories(from).Where(d => Path.GetFileName(d) != skip))
        {
            CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)), skip);
        }
    }
}
