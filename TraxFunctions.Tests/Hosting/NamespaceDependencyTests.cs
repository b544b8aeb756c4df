using System.Text.RegularExpressions;

namespace Trax.Tests.Hosting;

/// <summary>
/// The features depend on each other in one direction only, read from the sources (a <c>using Trax.X;</c> or a
/// <c>Trax.X.</c> name in a file under TraxFunctions/&lt;Feature&gt;/). Extensions is the composition root and may
/// see everything; nothing may see it.
/// </summary>
public sealed partial class NamespaceDependencyTests
{
    private static readonly Dictionary<string, HashSet<string>> Dependencies = Read();

    [Test]
    public void PostbackLog_DoesNotDependOnConversions()
    {
        // The processor decides outcomes and tells the log; the log never asks the Conversions table what happened.
        Assert.That(Dependencies["PostbackLog"], Does.Not.Contain("Conversions"));
        Assert.That(Dependencies["Conversions"], Does.Contain("PostbackLog"));
    }

    [Test]
    public void Features_HaveNoDependencyCycle()
    {
        var cycle = FindCycle();

        Assert.That(cycle, Is.Null, cycle is null ? "" : "cycle: " + string.Join(" → ", cycle));
    }

    [Test]
    public void InputAndStorage_DependOnNoFeature()
    {
        Assert.That(Dependencies["Input"], Is.Empty, "the input kernel is shared by every feature, so it depends on none");
        Assert.That(Dependencies["Storage"], Is.Empty);
    }

    private static List<string>? FindCycle()
    {
        var state = new Dictionary<string, int>();
        var path = new List<string>();
        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in Dependencies.GetValueOrDefault(node) ?? [])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. path[path.IndexOf(next)..], next];
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found)
                {
                    return found;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        return Dependencies.Keys.Where(n => state.GetValueOrDefault(n) == 0).Select(Visit).FirstOrDefault(c => c is not null);
    }

    private static Dictionary<string, HashSet<string>> Read()
    {
        var root = RepoPaths.File("TraxFunctions");
        var features = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>()
            .Where(d => d is not ("bin" or "obj" or "Properties" or "Extensions")).ToHashSet();
        return features.ToDictionary(feature => feature, feature => Directory
            .EnumerateFiles(Path.Combine(root, feature), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => Reference().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value + m.Groups[2].Value))
            .Where(name => name != feature && (features.Contains(name) || name == "Extensions"))
            .ToHashSet());
    }

    [GeneratedRegex(@"using Trax\.(\w+)(?:\.\w+)*;|\bTrax\.(\w+)\.")]
    private static partial Regex Reference();
}
