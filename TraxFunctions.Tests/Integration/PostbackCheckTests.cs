using System.Text.Json;
using Azure.Data.Tables;

namespace Trax.Tests.Integration;

/// <summary>
/// <c>POST /api/postbacks/check</c> on Azurite, routed like the host routes it: intake's own verdict on a pasted URL,
/// with nothing queued, logged or counted.
/// </summary>
[Category("Integration")]
public sealed class PostbackCheckTests
{
    private TraxApp trax = null!;

    [SetUp]
    public async Task SetUpAsync() => trax = await TraxApp.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Trax:Security:Networks:AffiliateWeb:Token"] = "s3cret-network-token",
        ["Trax:Security:Networks:CasinoNet:AllowedIps"] = "203.0.113.0/24",
        ["Trax:Networks:AffiliateWeb:Statuses:paid_out"] = "approved",
    });

    [TearDown]
    public async Task TearDownAsync() => await trax.DisposeAsync();

    [Test]
    public async Task Check_UnreplacedClickIdMacro_WouldRejectAndQueuesNothing()
    {
        var answer = await CheckAsync("https://trax.example/wp-json/trax/v1/ftd?clickid={clickid}&network=AffiliateWeb&token=s3cret-network-token");

        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        Assert.That(answer.Field("status"), Is.EqualTo("would-reject"));
        Assert.That(answer.Body!.Value.GetProperty("httpStatus").GetInt32(), Is.EqualTo(400));
        Assert.That(answer.Field("reason"), Is.EqualTo("unreplaced-macro"));
        Assert.That(answer.Field("field"), Is.EqualTo("clickid"));
        Assert.That(answer.Field("message"), Does.Contain("placeholder"));
        await AssertNothingStoredAsync();
    }

    [Test]
    public async Task Check_ValidPostback_AnswersWhatWouldBeStoredWithWarningsAndQueuesNothing()
    {
        var answer = await CheckAsync(
            "https://trax.example/wp-json/trax/v1/SALE?clickid=85512345&network=AffiliateWeb&txid=T-1&payout=25.50&currency=eur&status=paid_out&program=%7Bprogram%7D&token=s3cret-network-token");

        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        Assert.That(answer.Field("status"), Is.EqualTo("would-accept"));
        Assert.That(answer.Body!.Value.GetProperty("httpStatus").GetInt32(), Is.EqualTo(200));
        Assert.That(answer.Field("type"), Is.EqualTo("sale"));
        var postback = answer.Body!.Value.GetProperty("postback");
        Assert.That(postback.GetProperty("clickid").GetString(), Is.EqualTo("85512345"));
        Assert.That(postback.GetProperty("txid").GetString(), Is.EqualTo("T-1"));
        Assert.That(postback.GetProperty("payout").GetString(), Is.EqualTo("25.50"), "the amount exactly as it would be stored");
        Assert.That(postback.GetProperty("currency").GetString(), Is.EqualTo("EUR"));
        Assert.That(postback.GetProperty("status").GetString(), Is.EqualTo("paid_out"));
        Assert.That(postback.GetProperty("statusMapped").GetString(), Is.EqualTo("approved"), "the network's own status map");
        Assert.That(answer.Body!.Value.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()), Is.EqualTo(new[] { "program:unreplaced-macro" }));
        var protection = answer.Body!.Value.GetProperty("protection");
        Assert.That(protection.GetProperty("network").GetString(), Is.EqualTo("AffiliateWeb"));
        Assert.That(protection.GetProperty("token").GetString(), Is.EqualTo("ok"));
        Assert.That(protection.GetProperty("ip").GetString(), Is.EqualTo("not-required"));
        await AssertNothingStoredAsync();
    }

    [TestCase("", "missing", 403)]
    [TestCase("&token=wrong", "wrong", 403)]
    [TestCase("&token=s3cret-network-token", "ok", 200)]
    public async Task Check_NetworkWithAToken_SaysWhetherTheTokenIsMissingWrongOrRight(string token, string expected, int httpStatus)
    {
        var answer = await CheckAsync($"https://trax.example/wp-json/trax/v1/ftd?clickid=85512345&network=affiliateweb{token}");

        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        Assert.That(answer.Body!.Value.GetProperty("httpStatus").GetInt32(), Is.EqualTo(httpStatus));
        Assert.That(answer.Body!.Value.GetProperty("protection").GetProperty("token").GetString(), Is.EqualTo(expected));
        Assert.That(answer.Field("reason"), Is.EqualTo(httpStatus == 200 ? null : "invalid-token"));
        await AssertNothingStoredAsync();
    }

    [Test]
    public async Task Check_NetworkWithAnAddressList_IsNotJudgedByTheOperatorsAddress()
    {
        // Intake refuses this network from any address outside its list; the check cannot come from the network's.
        var answer = await CheckAsync("https://trax.example/wp-json/trax/v1/reg?clickid=85512345&network=CasinoNet");

        Assert.That(answer.Field("status"), Is.EqualTo("would-accept"), answer.Text);
        Assert.That(answer.Body!.Value.GetProperty("protection").GetProperty("ip").GetString(), Is.EqualTo("not-checked"));
        Assert.That(answer.Body!.Value.GetProperty("protection").GetProperty("token").GetString(), Is.EqualTo("not-required"));
    }

    [Test]
    public async Task Check_FormPost_IsReadLikeIntakeReadsIt()
    {
        var answer = await trax.PostJsonAsync("/api/postbacks/check", JsonSerializer.Serialize(new
        {
            url = "https://trax.example/wp-json/trax/v1/ftd?network=AffiliateWeb",
            method = "post",
            body = "clickid=85512345&payout=abc&token=s3cret-network-token",
        }));

        Assert.That(answer.Field("status"), Is.EqualTo("would-reject"), answer.Text);
        Assert.That(answer.Field("reason"), Is.EqualTo("invalid-payout"));
        Assert.That(answer.Field("field"), Is.EqualTo("payout"));
        await AssertNothingStoredAsync();
    }

    [TestCase("""{"url": "/wp-json/trax/v1/ftd?clickid=1"}""", "invalid-url")]
    [TestCase("""{"url": "ftp://trax.example/wp-json/trax/v1/ftd?clickid=1"}""", "invalid-url")]
    [TestCase("""{"url": "https://trax.example/api/postbacks?clickid=1"}""", "invalid-url")]
    [TestCase("""{"url": "https://trax.example/wp-json/trax/v1/install?clickid=1"}""", "invalid-url")]
    [TestCase("""{"url": "not a url"}""", "invalid-url")]
    [TestCase("""{}""", "invalid-url")]
    [TestCase("""{"url": "https://trax.example/wp-json/trax/v1/ftd", "method": "PUT"}""", "invalid-method")]
    [TestCase("""{"url": 42}""", "invalid-body")]
    [TestCase("""["https://trax.example/wp-json/trax/v1/ftd"]""", "invalid-body")]
    [TestCase("""not json""", "invalid-body")]
    public async Task Check_BodyThatIsNotAPostbackUrl_Is400WithItsReason(string json, string reason)
    {
        var answer = await trax.PostJsonAsync("/api/postbacks/check", json);

        Assert.That(answer.StatusCode, Is.EqualTo(400), answer.Text);
        Assert.That(answer.Field("reason"), Is.EqualTo(reason));
        await AssertNothingStoredAsync();
    }

    [Test]
    public async Task Check_HugeBody_Is413()
    {
        var answer = await trax.PostJsonAsync("/api/postbacks/check", JsonSerializer.Serialize(new { url = "https://trax.example/wp-json/trax/v1/ftd", body = new string('a', 40_000) }));

        Assert.That(answer.StatusCode, Is.EqualTo(413), answer.Text);
        Assert.That(answer.Field("reason"), Is.EqualTo("body-too-large"));
    }

    /// <summary>The contract's cases but a storage outage, which is not part of a verdict: the check reads no storage.</summary>
    private static IEnumerable<TestCaseData> Verdicts() =>
        ContractCase.Handled().Where(c => !((ContractCase)c.Arguments[0]!).StorageUnreachable);

    /// <summary>The check and intake give the same verdict on every contract case, because they run the same code.</summary>
    [TestCaseSource(nameof(Verdicts))]
    public async Task Check_ContractCase_GivesIntakesOwnStatus(ContractCase contract)
    {
        // With intake's contract settings: no network protected.
        await using var plain = await TraxApp.StartAsync();
        var answer = await plain.PostJsonAsync("/api/postbacks/check", JsonSerializer.Serialize(new
        {
            url = "https://trax.example" + contract.PathAndQuery,
            method = contract.Method,
            body = contract.FormBody,
        }));

        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        Assert.That(answer.Body!.Value.GetProperty("httpStatus").GetInt32(), Is.EqualTo(contract.ExpectedStatus), answer.Text);
        Assert.That(answer.Field("status"), Is.EqualTo(contract.IsAccepted ? "would-accept" : "would-reject"));
        Assert.That(await plain.ReceiveAllAsync(), Is.Empty, "nothing was queued");
        Assert.That(await plain.PostbackLog.QueryAsync<TableEntity>().ToListAsync(), Is.Empty, "nothing was logged");
    }

    private Task<Answer> CheckAsync(string url) =>
        trax.PostJsonAsync("/api/postbacks/check", JsonSerializer.Serialize(new { url }));

    private async Task AssertNothingStoredAsync()
    {
        Assert.That(await trax.ReceiveAllAsync(), Is.Empty, "nothing was queued");
        Assert.That(await trax.PostbackLog.QueryAsync<TableEntity>().ToListAsync(), Is.Empty, "nothing was logged");
    }
}
