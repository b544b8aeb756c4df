using System.Text.Json;
using Trax.Clicks;

namespace Trax.Tests.Integration;

/// <summary>
/// The <c>/go</c> redirect itself: what it records and what it does not, for unknown and disabled links, HEAD, bots,
/// many visits, a keyed address hash and storage faults.
/// </summary>
public sealed partial class ClickTrackingTests
{
    [Test]
    public async Task Go_UnknownLink_Answers404AndRecordsNothing()
    {
        var answer = await trax.SendAsync(HttpRequests.Visit("/go/nosuchlink"));

        Assert.That(answer.StatusCode, Is.EqualTo(404));
        Assert.That(answer.Field("reason"), Is.EqualTo("unknown-link"));
        Assert.That(answer.Headers.ContentType.ToString(), Does.StartWith("application/json"));
        Assert.That(await trax.ClicksAsync(), Is.Empty);
    }

    [Test]
    public async Task Go_DisabledLink_Answers404AndRecordsNothing()
    {
        await trax.CreateLinkAsync(SuperGame);
        var disabled = JsonSerializer.Serialize(new
        {
            destination = "https://network.example/track?aff=42&sub1={clickid}", network = "AffiliateWeb", program = "SuperGame1", enabled = false,
        });
        var put = await trax.SendAsync(HttpRequests.Json("PUT", "/api/links/supergame1", disabled));

        var answer = await trax.SendAsync(HttpRequests.Visit("/go/supergame1"));

        Assert.That(put.StatusCode, Is.EqualTo(200));
        Assert.That(answer.StatusCode, Is.EqualTo(404));
        Assert.That(await trax.ClicksAsync(), Is.Empty);
    }

    [Test]
    public async Task Go_Head_AnswersLikeGetAndRecordsNothing()
    {
        await trax.CreateLinkAsync(SuperGame);

        var head = await trax.SendAsync(HttpRequests.Visit("/go/supergame1", method: "HEAD"));
        var unknown = await trax.SendAsync(HttpRequests.Visit("/go/nosuchlink", method: "HEAD"));

        Assert.That(head.StatusCode, Is.EqualTo(302));
        Assert.That(head.Location, Does.StartWith("https://network.example/track?aff=42&sub1="));
        Assert.That(head.QueryValue("sub1"), Has.Length.EqualTo(ClickIdGenerator.Length));
        Assert.That(unknown.StatusCode, Is.EqualTo(404));
        Assert.That(unknown.Body, Is.Null, "HEAD answers carry no body");
        Assert.That(await trax.ClicksAsync(), Is.Empty);
    }

    [TestCase("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)")]
    [TestCase("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    [TestCase("WhatsApp/2.23.20.0 A")]
    public async Task Go_Bot_RedirectsRecordsNothingAndIsCounted(string userAgent)
    {
        await trax.CreateLinkAsync(SuperGame);

        var answer = await trax.SendAsync(HttpRequests.Visit("/go/supergame1", userAgent: userAgent));

        Assert.That(answer.StatusCode, Is.EqualTo(302));
        Assert.That(await trax.ClicksAsync(), Is.Empty);
        Assert.That(trax.Counted("trax.clicks.bots"), Is.EqualTo(1));
        Assert.That(trax.Counted("trax.clicks.recorded"), Is.Zero);
    }

    [Test]
    public async Task Go_ManyVisits_EachGetsItsOwnStoredClick()
    {
        await trax.CreateLinkAsync(SuperGame);

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => trax.SendAsync(HttpRequests.Visit("/go/supergame1"))));

        var ids = answers.Select(a => a.QueryValue("sub1")).ToList();
        Assert.That(ids, Is.Unique);
        Assert.That((await trax.ClicksAsync()).Select(c => c.ClickId), Is.EquivalentTo(ids));
    }

    [Test]
    public async Task Go_WithIpHashKey_StoresTheKeyedHashAndNoAddress()
    {
        await using var hashing = await TraxApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Trax:IpHashKey"] = "integration-test-key-0123456789abcdef",
        });
        await hashing.CreateLinkAsync(SuperGame);
        var visit = HttpRequests.Visit("/go/supergame1");
        visit.Headers["X-Forwarded-For"] = "198.51.100.23";

        await hashing.SendAsync(visit);

        var click = (await hashing.ClicksAsync()).Single();
        Assert.That(click.IpHash, Does.Match("^[0-9a-f]{32}$"));
        Assert.That(click.IpPrefix, Is.Null);
    }

    [Test]
    public async Task Go_StorageDiesAfterTheLinkWasRead_StillRedirectsAndCountsTheLostClick()
    {
        await using var azurite = await AzuriteServer.StartAsync();

        await using var dying = await TraxApp.StartAsync(azurite.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Trax:LinkCacheSeconds"] = "0", // every visit reads the link again, and must fall back to its copy
        });
        await dying.CreateLinkAsync(SuperGame);
        var before = await dying.SendAsync(HttpRequests.Visit("/go/supergame1"));

        azurite.Kill();
        dying.AbandonResources();
        var after = await dying.SendAsync(HttpRequests.Visit("/go/supergame1"));

        Assert.That(before.StatusCode, Is.EqualTo(302));
        Assert.That(after.StatusCode, Is.EqualTo(302));
        Assert.That(after.Location, Does.StartWith("https://network.example/track?aff=42&sub1="));
        Assert.That(after.QueryValue("sub1"), Is.Not.EqualTo(before.QueryValue("sub1")));
        Assert.That(dying.Counted("trax.clicks.recorded"), Is.EqualTo(1));
        Assert.That(dying.Counted("trax.clicks.lost"), Is.EqualTo(1));
    }

    [Test]
    public async Task Go_StorageUnreachableAndLinkNeverRead_Answers503()
    {
        var nowhere = AzuriteServer.ConnectionStringFor([AzuriteServer.FreePort(), AzuriteServer.FreePort(), AzuriteServer.FreePort()]);
        await using var down = await TraxApp.StartAsync(nowhere, createResources: false);

        var answer = await down.SendAsync(HttpRequests.Visit("/go/supergame1"));

        Assert.That(answer.StatusCode, Is.EqualTo(503));
        Assert.That(answer.Field("reason"), Is.EqualTo("storage-unavailable"));
    }
}
