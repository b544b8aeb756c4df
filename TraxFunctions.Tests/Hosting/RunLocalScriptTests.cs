using System.Diagnostics;

namespace Trax.Tests.Hosting;

/// <summary>
/// <c>npm start</c> (tools/run-local.sh) on a machine that lacks a prerequisite stops before doing anything, saying
/// what to install: run for real (bash, so not on Windows), with a PATH that holds only what each case leaves there.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RunLocalScriptTests
{
    [TestCase("func", "Azure Functions Core Tools v4", "functions-run-local")]
    [TestCase("dotnet", ".NET 10 SDK", "dotnet.microsoft.com")]
    public void RunLocal_PrerequisiteMissing_StopsFirstAndSaysWhatToInstall(string missing, string names, string link)
    {
        var bin = Directory.CreateTempSubdirectory("trax-run-local-");
        try
        {
            // The tools the script's first lines use, and a stub of each prerequisite except the missing one: a stub
            // that runs leaves its name in a file, so the test sees whether the script went past its checks.
            foreach (var tool in new[] { "dirname", "cat" })
            {
                File.CreateSymbolicLink(Path.Combine(bin.FullName, tool), $"/usr/bin/{tool}");
            }

            foreach (var tool in new[] { "func", "dotnet", "node", "npm" }.Where(t => t != missing))
            {
                var stub = Path.Combine(bin.FullName, tool);
                File.WriteAllText(stub, $"#!/bin/sh\necho {tool} >> '{bin.FullName}/ran'\n");
                File.SetUnixFileMode(stub, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var start = new ProcessStartInfo("/bin/bash", [RepoPaths.File("tools", "run-local.sh")]) { RedirectStandardError = true, RedirectStandardOutput = true };
            start.Environment["PATH"] = bin.FullName;
            using var script = Process.Start(start)!;
            var error = script.StandardError.ReadToEnd();
            script.WaitForExit();

            Assert.That(script.ExitCode, Is.EqualTo(1), error);
            Assert.That(error, Does.Contain(names).And.Contain(link));
            Assert.That(File.Exists(Path.Combine(bin.FullName, "ran")), Is.False, "nothing ran before the checks");
        }
        finally
        {
            bin.Delete(recursive: true);
        }
    }
}
