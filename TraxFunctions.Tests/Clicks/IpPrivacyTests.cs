using System.Net;
using Microsoft.Extensions.Options;
using Trax.Clicks;
using Trax.Http;

namespace Trax.Tests.Clicks;

public sealed class IpPrivacyTests
{
    private const string Key = "0123456789abcdef0123456789abcdef-test-only";

    [TestCase("203.0.113.77", "203.0.113.0/24")]
    [TestCase("2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3::/48")]
    public void Protect_WithoutKey_KeepsOnlyTheNetworkPrefix(string address, string prefix)
    {
        var stored = Privacy("").Protect(IPAddress.Parse(address));

        Assert.That(stored.Prefix, Is.EqualTo(prefix));
        Assert.That(stored.Hash, Is.Null);
    }

    [Test]
    public void Protect_WithKey_KeepsOnlyAStableKeyedHash()
    {
        var privacy = Privacy(Key);
        var address = IPAddress.Parse("203.0.113.77");

        var stored = privacy.Protect(address);

        Assert.That(stored.Prefix, Is.Null);
        Assert.That(stored.Hash, Does.Match("^[0-9a-f]{32}$"));
        Assert.That(stored.Hash, Does.Not.Contain("203"));
        Assert.That(privacy.Protect(IPAddress.Parse("203.0.113.77")).Hash, Is.EqualTo(stored.Hash), "same visitor, same hash");
        Assert.That(privacy.Protect(IPAddress.Parse("203.0.113.78")).Hash, Is.Not.EqualTo(stored.Hash));
        Assert.That(Privacy(Key + "x").Protect(address).Hash, Is.Not.EqualTo(stored.Hash), "another key, another hash");
    }

    [Test]
    public void ClientAddress_ByDefault_IsTheConnectionsAddressWhateverForwardedForSays()
    {
        // The worker already applied the host's X-Forwarded-For to the connection; what is left was written by the caller.
        var request = HttpRequests.Get("/go/x");
        request.HttpContext.Connection.RemoteIpAddress = IPAddress.Parse("::ffff:203.0.113.7");
        request.Headers["X-Forwarded-For"] = "10.9.9.9, 198.51.100.23:61234";

        Assert.That(Address().Of(request), Is.EqualTo(IPAddress.Parse("203.0.113.7")), "IPv4 written as IPv6 becomes IPv4");
    }

    [TestCase("198.51.100.23", "198.51.100.23")]
    [TestCase("198.51.100.23:61234", "198.51.100.23")]
    [TestCase("not-an-address", null)]
    [TestCase("", null)]
    public void ClientAddress_FromAConfiguredHeader_IsThatHeaderOrNothing(string header, string? expected)
    {
        var request = HttpRequests.Get("/go/x");
        request.Headers["X-Azure-ClientIP"] = header;

        Assert.That(Address("X-Azure-ClientIP").Of(request), Is.EqualTo(expected is null ? null : IPAddress.Parse(expected)));
    }

    [TestCase("[2001:db8::1]:443", "2001:db8::1")]
    [TestCase("2001:db8::1", "2001:db8::1")]
    [TestCase(" 203.0.113.7 ", "203.0.113.7")]
    public void ClientAddress_TryParse_ReadsAddressesWithOrWithoutPort(string text, string expected)
    {
        Assert.That(ClientAddress.TryParse(text, out var address), Is.True);
        Assert.That(address, Is.EqualTo(IPAddress.Parse(expected)));
    }

    [TestCase("unknown")]
    [TestCase("")]
    [TestCase("203.0.113")]
    [TestCase("203.0.113.010")]
    [TestCase("010.0.0.1:443")]
    [TestCase("203.0.113.7, 198.51.100.1")]
    [TestCase("203.0.113.7 198.51.100.1")]
    [TestCase("2001:db8::1, 2001:db8::2")]
    [TestCase("[2001:db8::1]:99999")]
    public void ClientAddress_TryParse_RefusesNonAddresses(string text)
    {
        Assert.That(ClientAddress.TryParse(text, out _), Is.False);
    }

    private static IpPrivacy Privacy(string key) => new(Options.Create(new TraxOptions { IpHashKey = key }));

    private static ClientAddress Address(string header = "") =>
        new(Microsoft.Extensions.Options.Options.Create(new TraxOptions { ClientAddressHeader = header }));
}
