using YamlDotNet.RepresentationModel;

namespace Trax.Tests.Infra;

/// <summary>azure.yaml (azd) and azure-pipelines.yml, parsed with YamlDotNet: the service and the stages.</summary>
public sealed class PipelineDefinitionTests
{
    private static readonly YamlMappingNode Azd = PipelineYaml.Load(RepoPaths.File("azure.yaml"));

    private static readonly YamlMappingNode Pipeline = PipelineYaml.Load(RepoPaths.File("azure-pipelines.yml"));

    private static YamlMappingNode Stage(string name) =>
        Pipeline.Items("stages").SingleOrDefault(s => s.Text("stage") == name) ?? throw new AssertionException($"No stage '{name}'.");

    private static IEnumerable<YamlMappingNode> Jobs(string stage) => Stage(stage).Items("jobs");

    private static IEnumerable<YamlMappingNode> Steps(YamlMappingNode job) =>
        job.Get("steps") is not null ? job.Items("steps") : job.Map("strategy").Map("runOnce").Map("deploy").Items("steps");

    private static string Script(YamlMappingNode step) => step.Text("script") ?? (step.Get("inputs") as YamlMappingNode)?.Text("inlineScript") ?? "";

    [Test]
    public void AzureYaml_ApiService_IsTheFunctionProjectOnAFunctionHost()
    {
        var api = Azd.Map("services").Map("api");
        var project = Path.GetFullPath(RepoPaths.File(api.Text("project")!));

        Assert.That(api.Text("language"), Is.EqualTo("dotnet"));
        Assert.That(api.Text("host"), Is.EqualTo("function"));
        Assert.That(File.Exists(Path.Combine(project, "TraxFunctions.csproj")), Is.True, $"{project} holds the function app");
        Assert.That(Azd.Map("services").Children, Has.Count.EqualTo(1));
    }

    [Test]
    public void AzureYaml_Infra_IsTheBicepMainModule()
    {
        var infra = Azd.Map("infra");

        Assert.That(infra.Text("provider"), Is.EqualTo("bicep"));
        Assert.That(File.Exists(RepoPaths.File(infra.Text("path")!, infra.Text("module") + ".bicep")), Is.True);
        Assert.That(File.Exists(RepoPaths.File(infra.Text("path")!, infra.Text("module") + ".parameters.json")), Is.True);
    }

    [Test]
    public void Pipeline_Stages_BuildAndTestThenValidateInfraThenDeploy()
    {
        var stages = Pipeline.Items("stages").ToList();

        Assert.That(stages.Select(s => s.Text("stage")), Is.EqualTo(new[] { "build_and_test", "validate_infra", "deploy" }));
        Assert.That(Stage("validate_infra").Text("dependsOn"), Is.EqualTo("build_and_test"));
        Assert.That(Stage("deploy").Text("dependsOn"), Is.EqualTo("validate_infra"));
    }

    [Test]
    public void Pipeline_Parameters_NameTheServiceConnectionAndTheEnvironment()
    {
        var parameters = Pipeline.Items("parameters").Select(p => p.Text("name"));

        Assert.That(parameters, Is.SupersetOf(new[] { "serviceConnection", "environmentName" }));
    }

    [Test]
    public void Pipeline_BuildAndTest_RunsTheSuiteOnAzuriteAndPublishesResultsAndCoverage()
    {
        var steps = Steps(Jobs("build_and_test").Single()).ToList();
        var scripts = steps.Select(Script).ToList();
        var tasks = steps.Select(s => s.Text("task")).OfType<string>().ToList();
        var test = scripts.Single(s => s.Contains("dotnet test", StringComparison.Ordinal));

        Assert.That(tasks, Does.Contain("UseDotNet@2"));
        Assert.That(scripts, Has.Some.StartsWith("npm ci"));
        Assert.That(scripts.FindIndex(s => s.Contains("node_modules/azurite", StringComparison.Ordinal)),
            Is.GreaterThanOrEqualTo(0).And.LessThan(scripts.IndexOf(test)), "Azurite starts before the tests");
        Assert.That(test, Does.Contain("Trax.slnx").And.Contain("--logger trx").And.Contain("XPlat Code Coverage"));
        Assert.That(scripts.FindIndex(s => s.Contains("tools/bicep-build.sh", StringComparison.Ordinal)),
            Is.LessThan(scripts.IndexOf(test)), "the infra tests read the compiled templates");
        Assert.That(tasks, Does.Contain("PublishTestResults@2").And.Contain("PublishCodeCoverageResults@2"));
        Assert.That(steps.Where(s => s.Text("task") is "PublishTestResults@2" or "PublishCodeCoverageResults@2").Select(s => s.Text("condition")),
            Is.All.EqualTo("succeededOrFailed()"), "results are published when tests fail too");
        Assert.That(File.ReadAllText(RepoPaths.File("TraxFunctions.Tests", "TraxFunctions.Tests.csproj")), Does.Contain("coverlet.collector"),
            "the XPlat Code Coverage collector is referenced");
    }

    [Test]
    public void Pipeline_BuildAndTest_RunsEveryCheckOfCiRun()
    {
        // .ci/run and the pipeline run the same checks, the pipeline in steps of its own (to publish results and
        // coverage): what .ci/run builds or compiles beside the suite, the pipeline does too.
        var ci = File.ReadAllLines(RepoPaths.File(".ci", "run")).Select(l => l.Trim())
            .Where(l => l.StartsWith("dotnet build", StringComparison.Ordinal) || l.StartsWith("bash tools/", StringComparison.Ordinal)).ToList();
        var scripts = Steps(Jobs("build_and_test").Single()).Select(Script).ToList();

        Assert.That(ci, Has.Some.Contains("bench/Trax.Benchmarks"), ".ci/run compiles the benchmarks");
        Assert.That(ci.Where(command => !scripts.Any(s => Words(s).SequenceEqual(Words(command)))), Is.Empty,
            "commands of .ci/run the pipeline does not run");
    }

    [Test]
    public void Pipeline_BuildAndTest_MakesSureOfAChromiumAfterTheBuildAndBeforeTheTests()
    {
        // The browser tests fail without a Chromium (a skipped browser test proves nothing); the hosted image's
        // Chrome is one, else the script installs Playwright's, which needs the built test project.
        var scripts = Steps(Jobs("build_and_test").Single()).Select(Script).ToList();
        var browser = scripts.FindIndex(s => s == "bash tools/chromium.sh");

        Assert.That(browser, Is.GreaterThan(scripts.FindIndex(s => s.StartsWith("dotnet build Trax.slnx", StringComparison.Ordinal))),
            "after the build (Playwright's installer is in the test project's output)");
        Assert.That(browser, Is.LessThan(scripts.FindIndex(s => s.Contains("dotnet test", StringComparison.Ordinal))), "before the tests");
        Assert.That(File.ReadAllLines(RepoPaths.File(".ci", "run")).Select(l => l.Trim()), Does.Contain("bash tools/chromium.sh"),
            ".ci/run finds or installs its browser with the same script");
    }

    private static string[] Words(string command) => command.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);

    [Test]
    public void Pipeline_ValidateInfra_BuildsAndLintsWithTheRepositoryScript()
    {
        var bicep = Jobs("validate_infra").Single(j => j.Text("job") == "bicep");
        var script = File.ReadAllText(RepoPaths.File("tools", "bicep-build.sh"));

        Assert.That(Steps(bicep).Select(Script), Has.Some.EqualTo("bash tools/bicep-build.sh"));
        Assert.That(script, Does.Contain("run lint").And.Contain("run build infra/main.bicep"));
    }

    [Test]
    public void Pipeline_WhatIf_RunsOnlyWithAServiceConnection()
    {
        var (condition, whatIf) = Stage("validate_infra").ItemsWithConditions("jobs").Single(j => j.Item.Text("job") == "what_if");
        var azure = Steps(whatIf).Single(s => s.Text("task") == "AzureCLI@2");

        Assert.That(condition, Does.Contain("parameters.serviceConnection"), "a run without a service connection has no what-if job");
        Assert.That(azure.Map("inputs").Text("azureSubscription"), Does.Contain("parameters.serviceConnection"));
        Assert.That(Script(azure), Does.Contain("az deployment sub what-if").And.Contain("main.json"));
    }

    [Test]
    public void Pipeline_Deploy_RunsAzdOnMainWithAServiceConnection()
    {
        var (condition, deploy) = Pipeline.ItemsWithConditions("stages").Single(s => s.Item.Text("stage") == "deploy");
        var job = deploy.Items("jobs").Single();
        var scripts = Steps(job).Select(Script).ToList();

        Assert.That(condition, Does.Contain("parameters.serviceConnection").And.Contain("parameters.deploy"));
        Assert.That(deploy.Text("condition"), Does.Contain("refs/heads/main"));
        Assert.That(job.Text("deployment"), Is.Not.Null, "a deployment job, so runs show in the environment's history");
        Assert.That(job.Text("environment"), Does.Contain("parameters.environmentName"));
        Assert.That(scripts, Has.Some.Contain("azd provision").And.Some.Contain("azd deploy api"));
    }
}
