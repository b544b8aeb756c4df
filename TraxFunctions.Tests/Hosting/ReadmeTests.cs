using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Trax.Tests.Hosting;

/// <summary>The README's two commands stay the ones CI and `npm start` really run.</summary>
public sealed partial class ReadmeTests
{
    private static string Readme => File.ReadAllText(RepoPaths.File("README.md"));

    [Test]
    public void Readme_TestCommand_IsTheOneCiRuns()
    {
        var ci = File.ReadAllText(RepoPaths.File(".ci", "run"));
        var command = TestCommand().Match(ci);

        Assert.That(command.Success, Is.True, ".ci/run names its TEST_COMMAND");
        Assert.That(Readme, Does.Contain($"{command.Groups[1].Value}"));
        Assert.That(ci, Does.Contain("$TEST_COMMAND"));
    }

    [Test]
    public void Readme_RunCommand_IsAnNpmScriptThatStartsAzuriteAndFunc()
    {
        var scripts = JsonNode.Parse(File.ReadAllText(RepoPaths.File("package.json")))!["scripts"]!;
        var start = (string)scripts["start"]!;
        var script = File.ReadAllText(RepoPaths.File(start.Split(' ')[^1]));

        Assert.That(Readme, Does.Contain("npm start"));
        Assert.That(script, Does.Contain("azurite"));
        Assert.That(script, Does.Contain("func start"));
        Assert.That(script.IndexOf("console:build", StringComparison.Ordinal), Is.GreaterThan(0).And.LessThan(script.LastIndexOf("func start", StringComparison.Ordinal)),
            "the console is built before the app starts");
        Assert.That(script, Does.Contain("local.settings.sample.json"));
    }

    [Test]
    public void Readme_TestCommand_BuildsTheConsoleThenRunsItsTestsAndTheCSharpSuite()
    {
        var scripts = JsonNode.Parse(File.ReadAllText(RepoPaths.File("package.json")))!["scripts"]!;
        var test = (string)scripts["test"]!;
        var script = File.ReadAllText(RepoPaths.File(test.Split(' ')[^1]));
        int At(string text) => script.IndexOf(text, StringComparison.Ordinal);

        Assert.That(Readme, Does.Contain("npm test"));
        Assert.That(At("console:build"), Is.GreaterThan(0));
        Assert.That(At("vitest run"), Is.GreaterThan(At("console:build")), "the bundle test reads the build");
        Assert.That(At("dotnet test Trax.slnx"), Is.GreaterThan(At("vitest run")));
        Assert.That(script, Does.Contain("vitest-junit.xml"), ".ci/run reads the console's results from there");
        Assert.That(File.ReadAllText(RepoPaths.File(".ci", "run")), Does.Contain("console/TestResults/vitest-junit.xml"));
    }

    [GeneratedRegex("TEST_COMMAND=\"([^\"]+)\"")]
    private static partial Regex TestCommand();
}
