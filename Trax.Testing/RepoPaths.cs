using System.Reflection;

namespace Trax.Testing;

/// <summary>Finds files of the repository (and the shared folder beside it) from the test's output folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary><c>../shared</c> next to the clone, where CI and developers find the contract cases.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string Configuration =>
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The function app's build output: where the Worker SDK writes functions.metadata.</summary>
    public static string FunctionAppOutput => Path.Combine(Root, "TraxFunctions", "bin", Configuration, "net10.0");

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Trax.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Trax.slnx above {AppContext.BaseDirectory}.");
    }
}
