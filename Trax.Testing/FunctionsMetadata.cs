using System.Text.Json;
using System.Text.Json.Nodes;

namespace Trax.Testing;

/// <summary>
/// The functions.metadata the Worker SDK generates at build time: what the Functions host indexes (names,
/// triggers, routes, methods, queue names, connections). Routing helpers mimic what a real Functions 4.x host does
/// with it: routes match case-insensitively under host.json's routePrefix, and an unlisted method is a 404.
/// </summary>
public sealed class FunctionsMetadata
{
    private FunctionsMetadata(JsonArray functions, string routePrefix)
    {
        Functions = functions;
        RoutePrefix = routePrefix;
    }

    /// <summary>The build output's metadata, read once.</summary>
    public static FunctionsMetadata Shared => LazyShared.Value;

    private static readonly Lazy<FunctionsMetadata> LazyShared = new(Load);

    public JsonArray Functions { get; }

    public string RoutePrefix { get; }

    public static FunctionsMetadata Load()
    {
        var output = RepoPaths.FunctionAppOutput;
        var metadataFile = Path.Combine(output, "functions.metadata");
        if (!File.Exists(metadataFile))
        {
            throw new FileNotFoundException($"No functions.metadata in {output}: build TraxFunctions first.", metadataFile);
        }

        var functions = JsonNode.Parse(File.ReadAllText(metadataFile))!.AsArray();
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "host.json")))!;
        var prefix = host["extensions"]?["http"]?["routePrefix"]?.GetValue<string>() ?? "api";
        return new FunctionsMetadata(functions, prefix);
    }

    public JsonObject Function(string name) =>
        Functions.Select(f => f!.AsObject()).SingleOrDefault(f => (string?)f["name"] == name)
        ?? throw new InvalidOperationException($"functions.metadata has no function '{name}'.");

    public JsonObject Trigger(string name) =>
        Function(name)["bindings"]!.AsArray().Select(b => b!.AsObject())
            .Single(b => ((string?)b["type"])!.EndsWith("Trigger", StringComparison.Ordinal));

    /// <summary>The function a real host would run for this request, or null where the host answers 404.</summary>
    public string? Route(string method, string path) => Match(method, path)?.Function;

    /// <summary>
    /// The function and route values (<c>{linkId}</c>, optional <c>{id?}</c>, catch-all <c>{*path}</c>) for this
    /// request, or null where the host answers 404. Literal segments match case-insensitively; a parameter matches one
    /// non-empty segment; a catch-all matches the rest of the path, or nothing. As in ASP.NET Core routing, a route
    /// without a catch-all wins over one with it.
    /// </summary>
    public RouteMatch? Match(string method, string path)
    {
        foreach (var route in Routes.Value.OrderBy(r => r.Template.Contains("{*", StringComparison.Ordinal)))
        {
            if (route.Methods.Contains(method) && MatchRoute(route.Template, path) is { } values)
            {
                return new RouteMatch(route.Function, values);
            }
        }

        return null;
    }

    /// <summary>Every HTTP function's route and methods, read once (the host, too, indexes them once).</summary>
    private Lazy<List<(string Function, HashSet<string> Methods, string Template)>> Routes => routes ??= new(() =>
        [.. Functions.Select(f => f!.AsObject())
            .Select(f => (Function: f, Trigger: f["bindings"]!.AsArray().Select(b => b!.AsObject()).FirstOrDefault(b => (string?)b["type"] == "httpTrigger")))
            .Where(f => f.Trigger is not null)
            .Select(f => ((string)f.Function["name"]!,
                f.Trigger!["methods"]!.AsArray().Select(m => (string)m!).ToHashSet(StringComparer.OrdinalIgnoreCase),
                string.Join('/', new[] { RoutePrefix, (string?)f.Trigger["route"] }.Where(s => !string.IsNullOrEmpty(s)))))]);

    private Lazy<List<(string Function, HashSet<string> Methods, string Template)>>? routes;

    private static Dictionary<string, string?>? MatchRoute(string template, string path)
    {
        var parts = template.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.StartsWith("{*", StringComparison.Ordinal))
            {
                values[part[2..^1]] = i < segments.Length ? string.Join('/', segments[i..].Select(Uri.UnescapeDataString)) : null;
                return values;
            }

            var isParameter = part.StartsWith('{') && part.EndsWith('}');
            var optional = isParameter && part.EndsWith("?}", StringComparison.Ordinal);
            if (i >= segments.Length)
            {
                if (!optional)
                {
                    return null;
                }

                values[part[1..^2]] = null;
                continue;
            }

            if (isParameter)
            {
                values[part.Trim('{', '}', '?')] = Uri.UnescapeDataString(segments[i]);
            }
            else if (!string.Equals(part, segments[i], StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        return segments.Length <= parts.Length ? values : null;
    }

    public static string Text(JsonNode? node) => node?.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) ?? "null";
}

/// <summary>A routed request: the function the host would run and the values of its route parameters.</summary>
public sealed record RouteMatch(string Function, IReadOnlyDictionary<string, string?> Values);
