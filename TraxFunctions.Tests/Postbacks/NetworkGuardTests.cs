using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Trax.Postbacks;

namespace Trax.Tests.Postbacks;

/// <summary>Per-network protection: token and/or IP allowlist, through the real HTTP function (queue recorded).</summary>
public sealed class NetworkGuardTests
{
    private static readonly Dictionary<string, string?> Security = new()
    {
        ["Trax:Security:Networks:AffiliateWeb:Token"] = "s3cret-network-token",
        ["Trax:Security:Networks:CasinoNet:AllowedIps"] = "203.0.113.0/24, 2001:db8::/32, 198.51.100.9",
        ["Trax:Security:Networks:Both:Token"] = "t0ken-for-both-networks",
        ["Trax:Security:Networks:Both:AllowedIps"] = "203.0.113.7",
    };

    [TestCase("network=AffiliateWeb&token=s3cret-network-token", null, 200, null)]
    [TestCase("network=affiliateweb&TOKEN=s3cret-network-token", null, 200, null)]
    [TestCase("network=AffiliateWeb", "s3cret-network-token", 200, null)]
    [TestCase("network=AffiliateWeb", null, 403, "invalid-token")]
    [TestCase("network=AffiliateWeb&token=s3cret-network-tokeN", null, 403, "invalid-token")]
    [TestCase("network=AffiliateWeb&token=", null, 403, "invalid-token")]
    [TestCase("network=AffiliateWeb&token=wrong", "s3cret-network-token", 200, null)]
    [TestCase("network=OtherNet", null, 200, null)]
    [TestCase("", null, 200, null)]
    public async Task Ingest_TokenProtectedNetwork_NeedsItsToken(string query, string? header, int status, string? reason)
    {
        using var app = UnitApp.Create(Security);
        var request = HttpRequests.Get($"/wp-json/trax/v1/ftd?clickid=85512345&{query}");
        if (header is not null)
        {
            request.Headers[PostbackRequestReader.TokenHeader] = header;
        }

        var answer = await app.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(status));
        Assert.That(answer.Field("reason"), Is.EqualTo(reason));
        Assert.That(app.Queue.Messages, Has.Count.EqualTo(status == 200 ? 1 : 0), "nothing is queued for a refused postback");
    }

    [TestCase("network=AffiliateWeb&token=guess-1&token=guess-2&token=s3cret-network-token", new string[0], 403)]
    [TestCase("network=AffiliateWeb&token=&token=guess-1&token=s3cret-network-token", new[] { "guess-2", "guess-3" }, 403)]
    [TestCase("network=AffiliateWeb", new[] { "guess-1", "s3cret-network-token" }, 403)]
    [TestCase("network=AffiliateWeb&token=s3cret-network-token&token=guess-1", new string[0], 200)]
    [TestCase("network=AffiliateWeb&token=s3cret-network-token&token=s3cret-network-token", new[] { "s3cret-network-token" }, 200)]
    public async Task Ingest_ManyTokensInOneRequest_TriesOnlyTheFirstOfTheHeaderAndOfTheParameters(string query, string[] headers, int status)
    {
        // Every value tried would make one request hundreds of guesses (a 4 KiB query holds ~400 token=x).
        using var app = UnitApp.Create(Security);
        var request = HttpRequests.Get($"/wp-json/trax/v1/ftd?clickid=85512345&{query}");
        if (headers.Length > 0)
        {
            request.Headers[PostbackRequestReader.TokenHeader] = headers;
        }

        var answer = await app.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(status));
        Assert.That(answer.Field("reason"), Is.EqualTo(status == 403 ? "invalid-token" : null));
    }

    [TestCase("203.0.113.7", 200)]
    [TestCase("::ffff:203.0.113.200", 200)]
    [TestCase("198.51.100.9", 200)]
    [TestCase("2001:db8::1", 200)]
    [TestCase("198.51.100.10", 403)]
    public async Task Ingest_IpAllowlistedNetwork_ChecksTheConnectionsAddress(string connection, int status)
    {
        // On Azure the worker sets the connection's address from the X-Forwarded-For that the Functions host sets.
        using var app = UnitApp.Create(Security);

        var answer = await app.SendAsync(FromCasinoNet(connection));

        Assert.That(answer.StatusCode, Is.EqualTo(status));
        Assert.That(answer.Field("reason"), Is.EqualTo(status == 403 ? "ip-not-allowed" : null));
    }

    [TestCase("::ffff:203.0.113.7", "203.0.113.7", 200)]
    [TestCase("::ffff:203.0.113.7", "::ffff:203.0.113.7", 200)]
    [TestCase("::ffff:203.0.113.7", "203.0.113.8", 403)]
    [TestCase("::FFFF:CB00:7107", "203.0.113.7", 200)]
    [TestCase("::ffff:203.0.113.0/120", "203.0.113.200", 200)]
    [TestCase("::ffff:203.0.113.0/120", "203.0.114.1", 403)]
    public async Task Ingest_AllowlistEntryWrittenAsMappedIPv6_AdmitsItsIPv4Caller(string entry, string connection, int status)
    {
        // The caller's address is normalised to IPv4 (ClientAddress); an entry must be read the same way, or its
        // network is refused although the setting names it.
        using var app = UnitApp.Create(new Dictionary<string, string?> { ["Trax:Security:Networks:Mapped:AllowedIps"] = entry });
        var request = HttpRequests.Get("/wp-json/trax/v1/reg?clickid=85512345&network=Mapped");
        request.HttpContext.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(connection);

        var answer = await app.SendAsync(request);

        Assert.That((answer.StatusCode, answer.Field("reason")), Is.EqualTo((status, status == 403 ? "ip-not-allowed" : null)));
    }

    [TestCase("203.0.113.7")]
    [TestCase("10.0.0.1, 203.0.113.7")]
    public async Task Ingest_ForwardedForSentByTheCaller_IsNotTrusted(string forwardedFor)
    {
        // Whatever X-Forwarded-For reaches a function was not written by the host (which the worker consumed).
        using var app = UnitApp.Create(Security);
        var request = FromCasinoNet("10.0.0.1");
        request.Headers["X-Forwarded-For"] = forwardedFor;

        var answer = await app.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(403));
        Assert.That(answer.Field("reason"), Is.EqualTo("ip-not-allowed"));
    }

    [TestCase("203.0.113.7", 200)]
    [TestCase("203.0.113.7:51234", 200)]
    [TestCase("[2001:db8::5]:443", 200)]
    [TestCase("198.51.100.10", 403)]
    [TestCase("garbage", 403)]
    [TestCase("203.0.113", 403)]
    [TestCase(null, 403)]
    public async Task Ingest_ClientAddressHeaderConfigured_ChecksThatHeaderAndFailsClosed(string? header, int status)
    {
        // Behind Azure Front Door every connection comes from Front Door: the setting names the header it writes.
        using var app = UnitApp.Create(new Dictionary<string, string?>(Security) { ["Trax:ClientAddressHeader"] = "X-Azure-ClientIP" });
        var request = FromCasinoNet("147.243.2.10");
        if (header is not null)
        {
            request.Headers["X-Azure-ClientIP"] = header;
        }

        var answer = await app.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(status));
        if (status == 200)
        {
            Assert.That(app.Queue.Messages.Single().ClientIp, Is.EqualTo(header!.StartsWith('[') ? "2001:db8::5" : "203.0.113.7"));
        }
    }

    [TestCase("t0ken-for-both-networks", "203.0.113.7", 200, null)]
    [TestCase("t0ken-for-both-networks", "203.0.113.8", 403, "ip-not-allowed")]
    [TestCase("nope", "203.0.113.7", 403, "invalid-token")]
    public async Task Ingest_TokenAndAllowlist_NeedsBoth(string token, string ip, int status, string? reason)
    {
        using var app = UnitApp.Create(Security);
        var request = HttpRequests.Get($"/wp-json/trax/v1/sale?clickid=85512345&network=Both&token={token}");
        request.HttpContext.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(ip);

        var answer = await app.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(status));
        Assert.That(answer.Field("reason"), Is.EqualTo(reason));
    }

    [Test]
    public async Task Ingest_RequireProtectedNetwork_RefusesAnonymousPostbacks()
    {
        using var app = UnitApp.Create(new Dictionary<string, string?>(Security) { ["Trax:Security:RequireProtectedNetwork"] = "true" });

        var anonymous = await app.GetAsync("/wp-json/trax/v1/ftd?clickid=85512345");
        var unknown = await app.GetAsync("/wp-json/trax/v1/ftd?clickid=85512345&network=Nobody");
        var known = await app.GetAsync("/wp-json/trax/v1/ftd?clickid=85512345&network=AffiliateWeb&token=s3cret-network-token");

        Assert.That(anonymous.Field("reason"), Is.EqualTo("unknown-network"));
        Assert.That(unknown.StatusCode, Is.EqualTo(403));
        Assert.That(known.StatusCode, Is.EqualTo(200));
        Assert.That(app.Queue.Messages, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Ingest_AcceptedWithToken_RecordsTheParameterButNotTheSecret()
    {
        using var app = UnitApp.Create(Security);

        await app.GetAsync("/wp-json/trax/v1/ftd?clickid=85512345&network=AffiliateWeb&Token=s3cret-network-token&x=1");

        Assert.That(app.Queue.Messages.Single().Query, Is.EqualTo("clickid=85512345&network=AffiliateWeb&Token=redacted&x=1"));
    }

    [TestCase("tok%65n")]
    [TestCase("%74oken")]
    [TestCase("TOKEN")]
    public async Task Ingest_TokenUnderAnEncodedName_IsAcceptedAndRedactedToo(string name)
    {
        using var app = UnitApp.Create(Security);

        var answer = await app.GetAsync($"/wp-json/trax/v1/ftd?clickid=85512345&network=AffiliateWeb&{name}=s3cret-network-token");

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        Assert.That(app.Queue.Messages.Single().Query, Is.EqualTo($"clickid=85512345&network=AffiliateWeb&{name}=redacted"));
    }

    [TestCase("198.51.100.300")]
    [TestCase("203.0.113")]
    [TestCase("203.0.113.0/33")]
    [TestCase("203.0.113.7/24")]
    [TestCase("2001:db8::/129")]
    [TestCase("::ffff:203.0.113.0/95")]
    [TestCase("::ffff:203.0.113.7/120")]
    [TestCase("0x7f.0.0.1")]
    [TestCase("203.0.113.010")]
    [TestCase("010.0.0.0/8")]
    [TestCase("nonsense")]
    public void Startup_InvalidAllowlistEntry_FailsWithTheSettingName(string entry)
    {
        // Validated at start-up (ValidateOnStart): the app does not start, instead of answering 500 to every postback.
        using var app = UnitApp.Create(new Dictionary<string, string?> { ["Trax:Security:Networks:X:AllowedIps"] = "203.0.113.0/24, " + entry });

        var ex = Assert.Throws<OptionsValidationException>(() => _ = app.Get<IOptions<PostbackSecurityOptions>>().Value);

        Assert.That(ex!.Message, Does.Contain("Trax:Security:Networks:X:AllowedIps").And.Contain(entry));
    }

    [TestCase("203.0.113.7")]
    [TestCase("203.0.113.0/24, 2001:db8::/32")]
    [TestCase("::ffff:203.0.113.7")]
    public void Startup_ValidAllowlist_Starts(string list)
    {
        using var app = UnitApp.Create(new Dictionary<string, string?> { ["Trax:Security:Networks:X:AllowedIps"] = list });

        Assert.That(app.Get<IOptions<PostbackSecurityOptions>>().Value.Networks["X"].AllowedIps, Is.EqualTo(list));
        Assert.That(app.Services.GetRequiredService<NetworkGuard>(), Is.Not.Null);
    }

    private static Microsoft.AspNetCore.Http.HttpRequest FromCasinoNet(string connection)
    {
        var request = HttpRequests.Get("/wp-json/trax/v1/reg?clickid=85512345&network=CasinoNet");
        request.HttpContext.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(connection);
        return request;
    }
}
