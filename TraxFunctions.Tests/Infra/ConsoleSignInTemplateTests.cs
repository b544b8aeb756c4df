using System.Text.Json.Nodes;

namespace Trax.Tests.Infra;

/// <summary>
/// Entra ID sign-in in front of /console is an option of the template (parameter consoleSignIn): off by default,
/// and when on it never sends a network, a visitor or an API client to a login page.
/// </summary>
public sealed class ConsoleSignInTemplateTests
{
    private static CompiledInfra Infra => CompiledInfra.Current;

    [Test]
    public void Template_ConsoleSignIn_IsAParameterOffByDefault()
    {
        var parameters = Infra.Template["parameters"]!.AsObject();

        Assert.That((string?)parameters["consoleSignIn"]!["type"], Is.EqualTo("bool"));
        Assert.That((bool?)parameters["consoleSignIn"]!["defaultValue"], Is.False);
        Assert.That((string?)parameters["consoleSignInClientId"]!["defaultValue"], Is.Empty);
        Assert.That(Infra.OfType("Microsoft.Web/sites/config").Select(r => ((string)r["name"]!).Split('/')[^1]), Has.None.EqualTo("authsettingsV2"),
            "with the example parameters (off) no authentication is configured");

        var azd = JsonNode.Parse(File.ReadAllText(RepoPaths.File("infra", "main.parameters.json")))!["parameters"]!;
        Assert.That((string?)azd["consoleSignIn"]!["value"], Is.EqualTo("${TRAX_CONSOLE_SIGN_IN=false}"));
        Assert.That((string?)azd["consoleSignInClientId"]!["value"], Is.EqualTo("${TRAX_CONSOLE_SIGN_IN_CLIENT_ID=}"));
    }

    [Test]
    public void Template_ConsoleSignInOn_SignsInEverythingButThePostbacksRedirectsAndApis()
    {
        var auth = Descendants(Infra.Template)
            .OfType<JsonObject>()
            .Single(o => (string?)o["type"] == "Microsoft.Web/sites/config" && ((string?)o["name"] ?? "").Contains("authsettingsV2", StringComparison.Ordinal));

        Assert.That((string?)auth["condition"], Is.EqualTo("[parameters('consoleSignIn')]"));
        var validation = auth["properties"]!["globalValidation"]!;
        Assert.That((bool?)validation["requireAuthentication"], Is.True);
        Assert.That((string?)validation["unauthenticatedClientAction"], Is.EqualTo("RedirectToLoginPage"));
        Assert.That(validation["excludedPaths"]!.AsArray().Select(p => (string?)p), Is.EquivalentTo(new[] { "/wp-json/*", "/go/*", "/api/*" }),
            "networks, visitors and API clients have no browser session");
        Assert.That((bool?)auth["properties"]!["identityProviders"]!["azureActiveDirectory"]!["enabled"], Is.True);
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var found in Descendants(child))
            {
                yield return found;
            }
        }
    }
}
