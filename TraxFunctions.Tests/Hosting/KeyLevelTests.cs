using System.Text;
using System.Text.RegularExpressions;

namespace Trax.Tests.Hosting;

/// <summary>
/// Every HTTP function the host would index (functions.metadata, the build output) against docs/security.md: only the
/// documented public routes are anonymous, every other one needs a key, and the page's table of routes names each of
/// them with its key, so that a route added later cannot go unlisted or open by accident.
/// </summary>
public sealed partial class KeyLevelTests
{
    /// <summary>The only functions a caller without a key may reach (networks, visitors, probes, the console's page).</summary>
    private static readonly string[] Public =
    [
        "PostbackFtd", "PostbackReg", "PostbackSale", "ClickRedirect", "Health", "ConsoleIndex", "ConsoleFiles",
    ];

    private static IEnumerable<(string Name, string Route, string Level, string[] Methods)> HttpFunctions() =>
        FunctionsMetadata.Shared.Functions.Select(f => f!.AsObject())
            .Select(f => (Name: (string)f["name"]!, Trigger: f["bindings"]!.AsArray().Select(b => b!.AsObject()).FirstOrDefault(b => (string?)b["type"] == "httpTrigger")))
            .Where(f => f.Trigger is not null)
            .Select(f => (f.Name, (string)f.Trigger!["route"]!, (string)f.Trigger["authLevel"]!,
                f.Trigger["methods"]!.AsArray().Select(m => ((string)m!).ToUpperInvariant()).Order(StringComparer.Ordinal).ToArray()));

    /// <summary>The rows of the table under "Keys and admin functions": route, methods, key.</summary>
    private static List<(string Route, string Methods, string Key)> DocumentedRoutes()
    {
        var page = File.ReadAllText(RepoPaths.File("docs", "security.md"), Encoding.UTF8);
        var section = page[page.IndexOf("## Keys and admin functions", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        return [.. TableRow().Matches(section).Select(m => (m.Groups["route"].Value, m.Groups["methods"].Value, m.Groups["key"].Value))];
    }

    [Test]
    public void Metadata_EveryHttpFunction_NeedsAKeyUnlessItIsDocumentedAsPublic()
    {
        var functions = HttpFunctions().ToList();

        Assert.That(functions.Where(f => f.Level == "Anonymous").Select(f => f.Name), Is.EquivalentTo(Public));
        Assert.That(functions.Where(f => f.Level != "Anonymous").Select(f => f.Level).Distinct(), Is.SubsetOf(new[] { "Function", "Admin" }));
        Assert.That(functions, Has.Count.GreaterThan(Public.Length), "the metadata was read");
    }

    [Test]
    public void SecurityDoc_RouteTable_NamesEveryHttpFunctionWithItsMethodsAndKey()
    {
        var documented = DocumentedRoutes();
        var functions = HttpFunctions().ToList();

        foreach (var byRoute in functions.GroupBy(f => f.Route))
        {
            var route = "/" + byRoute.Key;
            var level = byRoute.Select(f => f.Level).Distinct().Single();
            var methods = byRoute.SelectMany(f => f.Methods).Distinct().Order(StringComparer.Ordinal);
            var rows = documented.Where(r => r.Route == route).ToList();
            Assert.That(rows, Has.Count.EqualTo(1), $"docs/security.md lists {route} once");
            var (_, rowMethods, key) = rows[0];
            Assert.That(rowMethods.Split(',', StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal), Is.EqualTo(methods), $"{route} methods");
            Assert.That(key, Is.EqualTo(level switch { "Anonymous" => "none", "Admin" => "master", _ => "function" }), $"{route} key");
        }

        Assert.That(documented.Select(r => r.Route), Is.EquivalentTo(functions.Select(f => "/" + f.Route).Distinct()), "no route in the table that the app lacks");
    }

    // | `/api/links/{id}` | GET, PUT | function |
    [GeneratedRegex(@"^\| `(?<route>/[^`]+)` \| (?<methods>[A-Z, ]+) \| (?<key>none|function|master) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
