using System.Text.Json;
using Trax.Networks;

namespace Trax.Tests.Integration;

/// <summary><c>GET /api/networks</c>, routed like the host routes it: the settings' networks without their secrets, and the macro syntaxes.</summary>
[Category("Integration")]
public sealed class NetworksApiTests
{
    [Test]
    public async Task Networks_FromTheSettings_SayWhichAreProtectedAndTheirStatusesButNeverTheSecrets()
    {
        await using var trax = await TraxApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Trax:Security:Networks:AffiliateWeb:Token"] = "s3cret-network-token",
            ["Trax:Security:Networks:CasinoNet:AllowedIps"] = "203.0.113.0/24",
            ["Trax:Networks:affiliateweb:Statuses:paid_out"] = "Approved",
            ["Trax:Networks:Affise:Statuses:2"] = "pending",
        });

        var answer = await trax.GetAsync("/api/networks");

        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        Assert.That(answer.Text, Does.Not.Contain("s3cret-network-token").And.Not.Contain("203.0.113"), "never the token or the address list");
        var body = answer.Body!.Value;
        Assert.That(body.GetProperty("requireProtectedNetwork").GetBoolean(), Is.False);
        var networks = body.GetProperty("networks").EnumerateArray().ToList();
        Assert.That(networks.Select(n => n.GetProperty("name").GetString()), Is.EqualTo(new[] { "AffiliateWeb", "Affise", "CasinoNet" }), "one entry per network, whatever the case of its settings");
        Assert.That(networks[0].GetProperty("token").GetBoolean(), Is.True);
        Assert.That(networks[0].GetProperty("allowedIps").GetBoolean(), Is.False);
        Assert.That(networks[0].GetProperty("statuses").GetProperty("paid_out").GetString(), Is.EqualTo("approved"));
        Assert.That(networks[1].GetProperty("token").GetBoolean(), Is.False);
        Assert.That(networks[1].GetProperty("statuses").GetProperty("2").GetString(), Is.EqualTo("pending"));
        Assert.That(networks[2].GetProperty("allowedIps").GetBoolean(), Is.True);
        Assert.That(networks[2].GetProperty("statuses").EnumerateObject(), Is.Empty);
    }

    [Test]
    public async Task Networks_MacroSyntaxes_AreTheSharedCataloguesTable()
    {
        await using var trax = await TraxApp.StartAsync();

        var syntaxes = (await trax.GetAsync("/api/networks")).Body!.Value.GetProperty("macroSyntaxes").EnumerateArray().ToList();

        Assert.That(syntaxes, Has.Count.EqualTo(6));
        var cake = syntaxes.Single(s => s.GetProperty("forms").EnumerateArray().Any(f => f.GetString() == "#name#"));
        Assert.That(cake.GetProperty("examples").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "#s2#", "#clickid#" }));
        Assert.That(cake.GetProperty("usedBy").GetString(), Is.EqualTo("CAKE"));
        var engines = syntaxes.Single(s => s.GetProperty("forms").EnumerateArray().Any(f => f.GetString() == "${name}"));
        Assert.That(engines.GetProperty("forms").EnumerateArray().Select(f => f.GetString()), Is.EqualTo(new[] { "${name}", "{{name}}" }));
    }

    [Test]
    public void MacroSyntaxes_CompiledInCopy_EqualsTheSharedFile()
    {
        var shared = Path.Combine(RepoPaths.Shared, "postbacks", "network-macros.md");
        if (!File.Exists(shared))
        {
            Assert.Ignore("../shared is not checked out here: the compiled-in copy is used as it is.");
        }

        Assert.That(File.ReadAllText(RepoPaths.File("TraxFunctions", "Networks", MacroSyntax.ResourceName)), Is.EqualTo(File.ReadAllText(shared)),
            "TraxFunctions/Networks/network-macros.md is a copy of ../shared/postbacks/network-macros.md: copy it again");
    }
}
