using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Trax.Tests.Helpers;

/// <summary>
/// The infrastructure as the real Bicep CLI compiles it (tools/bicep-build.sh): the ARM template
/// (infra/bin/main.json) and the snapshot of the resources it would deploy with infra/ci.bicepparam
/// (infra/bin/ci.snapshot.json), in which every expression that needs no live Azure is resolved. .ci/run builds
/// both before the tests; a test run on its own builds them when they are missing or older than a template.
/// </summary>
public sealed class CompiledInfra
{
    private static readonly Lazy<CompiledInfra> Instance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private CompiledInfra(JsonObject template, JsonArray resources)
    {
        Template = template;
        Resources = resources.Select(r => r!.AsObject()).ToList();
    }

    public static CompiledInfra Current => Instance.Value;

    public static string TemplateFile => RepoPaths.File("infra", "bin", "main.json");

    public static string SnapshotFile => RepoPaths.File("infra", "bin", "ci.snapshot.json");

    /// <summary>The compiled ARM template (subscription scope, modules inlined as nested deployments).</summary>
    public JsonObject Template { get; }

    /// <summary>Every resource the template would deploy, as the snapshot predicts it.</summary>
    public IReadOnlyList<JsonObject> Resources { get; }

    public IEnumerable<JsonObject> OfType(string type) =>
        Resources.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    public JsonObject Single(string type) =>
        OfType(type).SingleOrDefault() ?? throw new AssertionException($"The template deploys no single {type}.");

    /// <summary>The app settings of the function app, as deployed.</summary>
    public JsonObject AppSettings =>
        OfType("Microsoft.Web/sites/config").Single(r => ((string)r["name"]!).EndsWith("/appsettings", StringComparison.Ordinal))["properties"]!.AsObject();

    /// <summary>The last segment of each child resource's name (queue names, table names...).</summary>
    public IEnumerable<string> ChildNames(string type) => OfType(type).Select(r => ((string)r["name"]!).Split('/')[^1]);

    private static CompiledInfra Load()
    {
        if (IsStale())
        {
            Build();
        }

        return new CompiledInfra(
            JsonNode.Parse(File.ReadAllText(TemplateFile))!.AsObject(),
            JsonNode.Parse(File.ReadAllText(SnapshotFile))!["predictedResources"]!.AsArray());
    }

    private static bool IsStale()
    {
        if (!File.Exists(TemplateFile) || !File.Exists(SnapshotFile))
        {
            return true;
        }

        var built = new[] { File.GetLastWriteTimeUtc(TemplateFile), File.GetLastWriteTimeUtc(SnapshotFile) }.Min();
        var sources = Directory.EnumerateFiles(RepoPaths.File("infra"), "*.bicep*", SearchOption.AllDirectories)
            .Append(RepoPaths.File("infra", "abbreviations.json"))
            .Append(RepoPaths.File("bicepconfig.json"));
        return sources.Any(source => File.GetLastWriteTimeUtc(source) > built);
    }

    private static void Build()
    {
        var start = new ProcessStartInfo("bash", [RepoPaths.File("tools", "bicep-build.sh")])
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash for tools/bicep-build.sh.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("tools/bicep-build.sh did not finish within 5 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"The infrastructure does not compile: `bash tools/bicep-build.sh` exited {process.ExitCode}.\n{output.Result}\n{error.Result}");
        }
    }
}
