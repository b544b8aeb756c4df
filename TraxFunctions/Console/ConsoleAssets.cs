using System.Collections.Frozen;
using System.IO.Compression;
using System.Reflection;

namespace Trax.OperatorConsole;

/// <summary>
/// The console's built files (console/dist, embedded into this assembly by the build under <c>console/</c>), read
/// once. Only these files exist: a request names one of them exactly or gets index.html (a client route) or a 404,
/// so no path can reach anything else. Text files are also kept gzipped, as most browsers take them.
/// </summary>
public sealed class ConsoleAssets
{
    /// <summary>The prefix of the console's manifest resource names (set in TraxFunctions.csproj).</summary>
    public const string ResourcePrefix = "console/";

    public const string IndexName = "index.html";

    private readonly FrozenDictionary<string, ConsoleFile> files;

    public ConsoleAssets()
        : this(typeof(ConsoleAssets).Assembly)
    {
    }

    internal ConsoleAssets(Assembly assembly)
    {
        var found = new Dictionary<string, ConsoleFile>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            // MSBuild's RecursiveDir has the build machine's separator.
            var name = resource.Replace('\\', '/');
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var path = name[ResourcePrefix.Length..];
            found[path] = Describe(path, buffer.ToArray());
        }

        files = found.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Every file's path (<c>index.html</c>, <c>assets/index-4f3a9c1b.js</c>, …).</summary>
    public IEnumerable<string> Paths => files.Keys;

    /// <summary>False when the app was built without its console (then /console answers 404).</summary>
    public bool IsBuilt => files.ContainsKey(IndexName);

    /// <summary>
    /// What to answer for a path under /console: the file it names exactly, index.html for a client route (a path
    /// of plain segments without a dot in the last one, outside assets/), or null (404).
    /// </summary>
    public ConsoleFile? Resolve(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "/")
        {
            return files.GetValueOrDefault(IndexName);
        }

        if (!IsPlainPath(path))
        {
            return null;
        }

        if (files.TryGetValue(path, out var file))
        {
            return file;
        }

        var segments = path.TrimEnd('/').Split('/');
        var looksLikeAFile = segments[^1].Contains('.') || string.Equals(segments[0], "assets", StringComparison.OrdinalIgnoreCase);
        return looksLikeAFile ? null : files.GetValueOrDefault(IndexName);
    }

    /// <summary>
    /// Letters, digits, '-', '_', '.', and '/' between segments; no empty, '.' or '..' segment. Anything else (an
    /// encoded or literal traversal, a backslash, a drive, a NUL) is not a file of the console nor a route of it.
    /// </summary>
    internal static bool IsPlainPath(string path)
    {
        if (path.Length > 256)
        {
            return false;
        }

        foreach (var c in path)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/'))
            {
                return false;
            }
        }

        var segments = path.TrimEnd('/').Split('/');
        return segments.All(s => s.Length > 0 && s != "." && s != "..");
    }

    private static ConsoleFile Describe(string path, byte[] content)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        var (type, text) = extension switch
        {
            ".html" => ("text/html; charset=utf-8", true),
            ".js" or ".mjs" => ("text/javascript; charset=utf-8", true),
            ".css" => ("text/css; charset=utf-8", true),
            ".svg" => ("image/svg+xml", true),
            ".json" => ("application/json; charset=utf-8", true),
            ".txt" => ("text/plain; charset=utf-8", true),
            ".png" => ("image/png", false),
            ".ico" => ("image/x-icon", false),
            ".woff2" => ("font/woff2", false),
            _ => throw new InvalidOperationException($"The console's build holds {path}, a kind of file the console does not serve: add its content type here."),
        };

        // Vite names what it builds by content hash under assets/: those never change, so they are cached for a year.
        var cache = path == IndexName ? "no-store"
            : path.StartsWith("assets/", StringComparison.Ordinal) ? "public, max-age=31536000, immutable"
            : "no-cache";
        return new ConsoleFile(path, type, cache, content, text ? Gzip(content) : null);
    }

    private static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }
}
