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

    [TestCase("s3cret-network-token\n")]
    [TestCase("s3cret-network-token \r\n")]
    [TestCase("  s3cret-network-token  ")]
    [TestCase("\ts3cret-network-token")]
    public async Task Ingest_TokenConfiguredWithSpacesAround_MatchesTheTokenTheNetworkSends(string configured)
    {
        // A secret pasted into an app setting often brings a newline or a space with it; the network sends the token alone.
        using var app = UnitApp.Create(new Dictionary<string, string?> { ["Trax:Security:Networks:AffiliateWeb:Token"] = configured });

        var inQuery = await app.SendAsync(HttpRequests.Get("/wp-json/trax/v1/ftd?clickid=85512345&network=AffiliateWeb&token=s3cret-network-token"));
        var inHeader = HttpRequests.Get("/wp-json/trax/v1/ftd?clickid=85512346&network=AffiliateWeb");
        inHeader.Headers[PostbackRequestReader.TokenHeader] = "s3cret-network-token";
        var headerAnswer = await app.SendAsync(inHeader);
        var wrong = await app.SendAsync(HttpRequests.Get("/wp-json/trax/v1/ftd?clickid=85512347&network=AffiliateWeb&token=s3cret-network-tokeN"));

        Assert.That(inQuery.StatusCode, Is.EqualTo(200));
        Assert.That(headerAnswer.StatusCode, Is.EqualTo(200));
        Assert.That(wrong.Field("reason"), Is.EqualTo("invalid-token"));
        Assert.That(app.Get<IOptions<PostbackSecurityOptions>>().Value.Networks["AffiliateWeb"].Token, Is.EqualTo("s3cret-network-token"));
    }

    [TestCase(" ")]
    [TestCase("\n")]
    [TestCase(" \r\n\t ")]
    public void Startup_TokenOfOnlySpaces_FailsRatherThanLeavingTheNetworkUnprotected(string token)
    {
        // Trimmed to nothing it would read as "no token": an operator who set one meant the network to need it.
        using var app = UnitApp.Create(new Dictionary<string, string?> { ["Trax:Security:Networks:AffiliateWeb:Token"] = token });

        var ex = Assert.Throws<OptionsValidationException>(() => _ = app.Get<IOptions<PostbackSecurityOptions>>().Value);

        Assert.That(ex!.Message, Does.Contain("Trax:Security:Networks:AffiliateWeb:Token"));
    }

    [Test]
    public void Startup_NetworkWithAnAllowlistAndNoToken_Starts()
    {
        using var app = UnitApp.Create(new Dictionary<string, string?> { ["Trax:Security:Networks:CasinoNet:AllowedIps"] = "203.0.113.0/24" });

        Assert.That(app.Get<IOptions<PostbackSecurityOptions>>().Value.Networks["CasinoNet"].Token, Is.Null);
    }
}
