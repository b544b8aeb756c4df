using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Trax.Postbacks;

namespace Trax.Tests.Postbacks;

/// <summary>A network's token is a shared secret: one too short to be one stops the app at start-up, like a bad allowlist.</summary>
public sealed class NetworkTokenLengthTests
{
    [TestCase("Z")]
    [TestCase("t0ken")]
    [TestCase("fifteen-chars-x")]
    [TestCase("   padded-12-ch   ")]
    public void Startup_TokenShorterThanTheMinimum_FailsNamingTheSettingButNotTheValue(string token)
    {
        using var app = UnitApp.Create(new Dictionary<string, string?> { ["Trax:Security:Networks:AffiliateWeb:Token"] = token });

        var ex = Assert.Throws<OptionsValidationException>(() => _ = app.Get<IOptions<PostbackSecurityOptions>>().Value);

        Assert.That(ex!.Message, Does.Contain("Trax:Security:Networks:AffiliateWeb:Token").And.Contain("16 characters"));
        Assert.That(ex.Message, Does.Not.Contain(token.Trim()), "a secret never goes into an error that deployment logs keep");
    }

    [TestCase("sixteen-chars-xy")]
    [TestCase("a-long-random-network-secret-8f3a9c")]
    public void Startup_TokenOfTheMinimumOrLonger_Starts(string token)
    {
        using var app = UnitApp.Create(new Dictionary<string, string?> { ["Trax:Security:Networks:AffiliateWeb:Token"] = token });

        Assert.That(app.Get<IOptions<PostbackSecurityOptions>>().Value.Networks["AffiliateWeb"].Token, Is.EqualTo(token));
        Assert.That(app.Services.GetRequiredService<NetworkGuard>(), Is.Not.Null);
    }

    [Test]
    public void Startup_NetworkWithAnAllowlistAndNoToken_Starts()
    {
        using var app = UnitApp.Create(new Dictionary<string, string?> { ["Trax:Security:Networks:CasinoNet:AllowedIps"] = "203.0.113.0/24" });

        Assert.That(app.Get<IOptions<PostbackSecurityOptions>>().Value.Networks["CasinoNet"].Token, Is.Null);
    }
}
