namespace Trax.Tests.Hosting;

/// <summary>
/// No source file passes 250 lines (docs/architecture.md): product, tests, harness, bench, console and infra alike. A
/// long test class is a partial class with a file a topic. Build output, packages and the console's bundle are not
/// sources.
/// </summary>
public sealed class FileLengthTests
{
    private const int MaxLines = 250;

    private static readonly string[] Extensions = [".cs", ".ts", ".tsx", ".js", ".mjs", ".css", ".html", ".bicep", ".sh"];

    private static readonly string[] NotSources = ["bin", "obj", "node_modules", "dist", "TestResults", "BenchmarkDotNet.Artifacts", ".git"];

    [Test]
    public void EverySourceFile_IsAtMost250Lines()
    {
        var sources = Sources(new DirectoryInfo(RepoPaths.Root)).ToList();
        var tooLong = sources
            .Select(file => (Path: Path.GetRelativePath(RepoPaths.Root, file.FullName), Lines: File.ReadLines(file.FullName).Count()))
            .Where(file => file.Lines > MaxLines)
            .Select(file => $"{file.Path}: {file.Lines}");

        Assert.That(sources.Count(file => file.Extension == ".cs"), Is.GreaterThan(400), "the walk finds the C# sources");
        Assert.That(sources.Count(file => file.Extension == ".tsx"), Is.GreaterThan(10), "the walk finds the console's sources");
        Assert.That(tooLong, Is.Empty, "split by topic (a partial class, a module)");
    }

    private static IEnumerable<FileInfo> Sources(DirectoryInfo folder) =>
        folder.EnumerateFiles().Where(file => Extensions.Contains(file.Extension, StringComparer.Ordinal))
            .Concat(folder.EnumerateDirectories()
                .Where(sub => !NotSources.Contains(sub.Name, StringComparer.Ordinal))
                .SelectMany(Sources));
}
