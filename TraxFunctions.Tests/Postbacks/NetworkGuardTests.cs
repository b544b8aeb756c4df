using Microsoft.Extensions.Options;
using Trax.Postbacks;
using Trax.Tests.Support;

namespace Trax.Tests.Postbacks;

/// <summary>Per-network protection: token and/or IP allowlist, through the real HTTP handler (queue mocked).</summary>
public sealed class NetworkGuardTests
{
    private static readonly FunctionsMetadata Metadata = FunctionsMetadata.Load();

    private static readonly PostbackSecurityOptions Security = new()
    {
        Networks =
        {
            ["AffiliateWeb"] = new NetworkProtection { Token = "s3cret-token" },
            ["CasinoNet"] = new NetworkProtection { AllowedIps = "203.0.113.0/24, 2001:db8::/32, 198.51.100.9" },
            ["Both"] = new NetworkProtection { Token = "t0ken", AllowedIps = "203.0.113.7" },
        },
    };

    [TestCase("network=AffiliateWeb&token=s3cret-token", null, 200, null)]
    [TestCase("network=affiliateweb&TOKEN=s3cret-token", null, 200, null)]
    [TestCase("network=AffiliateWeb", "s3cret-token", 200, null)]
    [TestCase("network=AffiliateWeb", null, 403, "invalid-token")]
    [TestCase("network=AffiliateWeb&token=s3cret-tokeN", null, 403, "invalid-token")]
    [TestCase("network=AffiliateWeb&token=", null, 403, "invalid-token")]
    [TestCase("network=AffiliateWeb&token=wrong", "s3cret-token", 200, null)]
    [TestCase("network=OtherNet", null, 200, null)]
    [TestCase("", null, 200, null)]
    public async Task Ingest_TokenProtectedNetwork_NeedsItsToken(string query, string? header, int status, string? reason)
    {
        var queue = new RecordingQueue();
        var request = HttpRequests.Get($"/wp-json/trax/v1/ftd?clickid=85512345&{query}");
        if (header is not null)
        {
            request.Headers[NetworkGuard.TokenHeader] = header;
        }

        var answer = await Send(queue, request);

        Assert.That(answer.StatusCode, Is.EqualTo(status));
        Assert.That(answer.Field("reason"), Is.EqualTo(reason));
        Assert.That(queue.Sent, Has.Count.EqualTo(status == 200 ? 1 : 0), "nothing is queued for a refused postback");
    }

    [TestCase(null, "203.0.113.7", 200)]
    [TestCase(null, "::ffff:203.0.113.200", 200)]
    [TestCase(null, "198.51.100.9", 200)]
    [TestCase(null, "2001:db8::1", 200)]
    [TestCase(null, "198.51.100.10", 403)]
    [TestCase("203.0.113.7:51234", "10.0.0.1", 200)]
    [TestCase("[2001:db8::5]:443", "10.0.0.1", 200)]
    [TestCase("203.0.113.7, 192.0.2.1", "10.0.0.1", 403)]
    [TestCase("garbage", "203.0.113.7", 403)]
    public async Task Ingest_IpAllowlistedNetwork_TrustsOnlyTheLastForwardedAddress(string? forwardedFor, string connection, int status)
    {
        // The caller can write anything in X-Forwarded-For; Azure's front end appends the real peer last.
        var queue = new RecordingQueue();
        var request = HttpRequests.Get("/wp-json/trax/v1/reg?clickid=85512345&network=CasinoNet");
        request.HttpContext.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(connection);
        if (forwardedFor is not null)
        {
            request.Headers["X-Forwarded-For"] = forwardedFor;
        }

        var answer = await Send(queue, request);

        Assert.That(answer.StatusCode, Is.EqualTo(status));
        Assert.That(answer.Field("reason"), Is.EqualTo(status == 403 ? "ip-not-allowed" : null));
    }

    [TestCase("t0ken", "203.0.113.7", 200, null)]
    [TestCase("t0ken", "203.0.113.8", 403, "ip-not-allowed")]
    [TestCase("nope", "203.0.113.7", 403, "invalid-token")]
    public async Task Ingest_TokenAndAllowlist_NeedsBoth(string token, string ip, int status, string? reason)
    {
        var request = HttpRequests.Get($"/wp-json/trax/v1/sale?clickid=85512345&network=Both&token={token}");
        request.HttpContext.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(ip);

        var answer = await Send(new RecordingQueue(), request);

        Assert.That(answer.StatusCode, Is.EqualTo(status));
        Assert.That(answer.Field("reason"), Is.EqualTo(reason));
    }

    [Test]
    public async Task Ingest_RequireProtectedNetwork_RefusesAnonymousPostbacks()
    {
        var security = new PostbackSecurityOptions { Networks = Security.Networks, RequireProtectedNetwork = true };
        var queue = new RecordingQueue();
        var functions = new PostbackFunctions(Ingest.Create(queue.Queue, security: security));

        var anonymous = await functions.SendAsync(Metadata, HttpRequests.Get("/wp-json/trax/v1/ftd?clickid=85512345"));
        var unknown = await functions.SendAsync(Metadata, HttpRequests.Get("/wp-json/trax/v1/ftd?clickid=85512345&network=Nobody"));
        var known = await functions.SendAsync(Metadata, HttpRequests.Get("/wp-json/trax/v1/ftd?clickid=85512345&network=AffiliateWeb&token=s3cret-token"));

        Assert.That(anonymous.Field("reason"), Is.EqualTo("unknown-network"));
        Assert.That(unknown.StatusCode, Is.EqualTo(403));
        Assert.That(known.StatusCode, Is.EqualTo(200));
        Assert.That(queue.Sent, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Ingest_AcceptedWithToken_RecordsTheParameterButNotTheSecret()
    {
        var queue = new RecordingQueue();

        await Send(queue, HttpRequests.Get("/wp-json/trax/v1/ftd?clickid=85512345&network=AffiliateWeb&Token=s3cret-token&x=1"));

        Assert.That(queue.Sent.Single().Query, Is.EqualTo("clickid=85512345&network=AffiliateWeb&Token=redacted&x=1"));
    }

    [TestCase("tok%65n")]
    [TestCase("%74oken")]
    [TestCase("TOKEN")]
    public async Task Ingest_TokenUnderAnEncodedName_IsAcceptedAndRedactedToo(string name)
    {
        var queue = new RecordingQueue();

        var answer = await Send(queue, HttpRequests.Get($"/wp-json/trax/v1/ftd?clickid=85512345&network=AffiliateWeb&{name}=s3cret-token"));

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        Assert.That(queue.Sent.Single().Query, Is.EqualTo($"clickid=85512345&network=AffiliateWeb&{name}=redacted"));
    }

    [Test]
    public void Guard_InvalidAllowlistEntry_FailsWithTheSettingName()
    {
        var options = Options.Create(new PostbackSecurityOptions { Networks = { ["X"] = new NetworkProtection { AllowedIps = "203.0.113.0/24, nonsense" } } });

        var ex = Assert.Throws<OptionsValidationException>(() => _ = new NetworkGuard(options));

        Assert.That(ex!.Message, Does.Contain("Trax:Security:Networks:X:AllowedIps").And.Contain("nonsense"));
    }

    private static Task<Answer> Send(RecordingQueue queue, Microsoft.AspNetCore.Http.HttpRequest request) =>
        new PostbackFunctions(Ingest.Create(queue.Queue, security: Security)).SendAsync(Metadata, request);
}
