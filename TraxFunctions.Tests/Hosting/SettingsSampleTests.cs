using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Trax.Extensions;

namespace Trax.Tests.Hosting;

/// <summary>
/// <c>local.settings.sample.json</c> lists every setting the code binds, with its default (safe for a local run), and
/// docs/operations.md names each: found by reflection over every options class with a <c>Trax…</c> section, so a
/// setting added to the code and to neither file fails here.
/// </summary>
public sealed class SettingsSampleTests
{
    private static JsonObject SampleSettings =>
        JsonNode.Parse(File.ReadAllText(RepoPaths.File("local.settings.sample.json")))!["Values"]!.AsObject();

    /// <summary>Every scalar setting of every options section (a section's per-network maps are named per network, so not in the sample).</summary>
    private static IEnumerable<(string Key, string Default)> BoundSettings()
    {
        var sections = typeof(TraxServiceCollectionExtensions).Assembly.GetTypes()
            .Select(t => (Type: t, Section: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string))
            .Where(s => s.Section is { } name && name.StartsWith("Trax", StringComparison.Ordinal) && s.Type.GetConstructor(Type.EmptyTypes) is not null);
        foreach (var (type, section) in sections)
        {
            var defaults = Activator.CreateInstance(type);
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                var kind = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                if (kind == typeof(string) || kind.IsPrimitive)
                {
                    yield return ($"{section!.Replace(":", "__")}__{property.Name}",
                        Convert.ToString(property.GetValue(defaults), CultureInfo.InvariantCulture) ?? "");
                }
            }
        }
    }

    [Test]
    public void LocalSettingsSample_EveryBoundSetting_IsListedWithItsDefault()
    {
        var values = SampleSettings;
        var settings = BoundSettings().ToList();

        Assert.That((string?)values["AzureWebJobsStorage"], Is.EqualTo("UseDevelopmentStorage=true"));
        Assert.That((string?)values["FUNCTIONS_WORKER_RUNTIME"], Is.EqualTo("dotnet-isolated"));
        Assert.That(settings.Select(s => s.Key), Does.Contain("Trax__QueueName").And.Contain("Trax__Reports__TimeZone"), "the reflection finds the sections");
        Assert.Multiple(() =>
        {
            foreach (var (key, value) in settings)
            {
                // The one default a local run must change: a forward receiver on 127.0.0.1 is a private destination.
                var expected = key == "Trax__Forwarding__AllowPrivateDestinations" ? "true" : value;
                Assert.That(values.ContainsKey(key), Is.True, $"{key} is in local.settings.sample.json");
                Assert.That((string?)values[key], Is.EqualTo(expected).IgnoreCase, $"{key} shows its default");
            }
        });
        Assert.That(values.Select(v => v.Key).Where(k => k.StartsWith("Trax__", StringComparison.Ordinal)),
            Is.SubsetOf(settings.Select(s => s.Key)), "the sample names no setting the code does not read");
    }

    [Test]
    public void OperationsDoc_EverySettingOfTheSample_IsNamed()
    {
        var doc = File.ReadAllLines(RepoPaths.File("docs", "operations.md"));

        Assert.Multiple(() =>
        {
            foreach (var key in SampleSettings.Select(v => v.Key))
            {
                // A row may shorten its siblings: `Trax__Forwarding__RetryBaseSeconds`, `__MaxRetryDelaySeconds`.
                var section = key[..Math.Max(0, key.LastIndexOf("__", StringComparison.Ordinal))];
                var named = doc.Any(line => line.Contains($"`{key}`", StringComparison.Ordinal)
                    || (section.Length > 0 && line.Contains($"`{section}__", StringComparison.Ordinal) && line.Contains($"`{key[section.Length..]}`", StringComparison.Ordinal)));
                Assert.That(named, Is.True, $"docs/operations.md names {key}");
            }
        });
    }
}
