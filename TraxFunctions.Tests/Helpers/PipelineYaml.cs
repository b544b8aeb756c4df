using YamlDotNet.RepresentationModel;

namespace Trax.Tests.Helpers;

/// <summary>
/// A YAML file read with YamlDotNet into plain nodes, with the few look-ups the pipeline and azd tests need.
/// Azure Pipelines' compile-time <c>${{ if ... }}</c> blocks are unwrapped: their items count as the list's own.
/// </summary>
public static class PipelineYaml
{
    public static YamlMappingNode Load(string file)
    {
        using var reader = new StreamReader(file);
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    public static YamlNode? Get(this YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static string? Text(this YamlMappingNode map, string key) => (map.Get(key) as YamlScalarNode)?.Value;

    public static YamlMappingNode Map(this YamlMappingNode map, string key) =>
        map.Get(key) as YamlMappingNode ?? throw new AssertionException($"'{key}' is not a mapping.");

    /// <summary>The items of a list, with the items of its <c>${{ if }}</c> entries in their place.</summary>
    public static IEnumerable<YamlMappingNode> Items(this YamlMappingNode map, string key) =>
        map.Get(key) is YamlSequenceNode list ? Flatten(list) : [];

    /// <summary>The compile-time condition an item sits under, or null.</summary>
    public static IEnumerable<(string? Condition, YamlMappingNode Item)> ItemsWithConditions(this YamlMappingNode map, string key) =>
        map.Get(key) is YamlSequenceNode list ? FlattenWithConditions(list, null) : [];

    private static IEnumerable<YamlMappingNode> Flatten(YamlSequenceNode list) =>
        FlattenWithConditions(list, null).Select(x => x.Item);

    private static IEnumerable<(string? Condition, YamlMappingNode Item)> FlattenWithConditions(YamlSequenceNode list, string? condition)
    {
        foreach (var node in list.Children.OfType<YamlMappingNode>())
        {
            var conditional = node.Children.Count == 1 && ((YamlScalarNode)node.Children.Keys.Single()).Value!.StartsWith("${{ if", StringComparison.Ordinal);
            if (conditional && node.Children.Values.Single() is YamlSequenceNode inner)
            {
                foreach (var item in FlattenWithConditions(inner, ((YamlScalarNode)node.Children.Keys.Single()).Value))
                {
                    yield return item;
                }
            }
            else
            {
                yield return (condition, node);
            }
        }
    }
}
