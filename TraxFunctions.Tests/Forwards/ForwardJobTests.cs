using Trax.Conversions;
using Trax.Core;
using Trax.Forwards;
using Trax.Input;

namespace Trax.Tests.Forwards;

/// <summary>What a job is: one forward, one conversion, one state — and a conversion's id, read back.</summary>
public sealed class ForwardJobTests
{
    private static readonly Forward Ads = new() { Id = "ads", Url = "https://ads.example/pb" };

    private static readonly DateTimeOffset At = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Id_SameDecisionWrittenAgain_IsTheSameJob()
    {
        var conversion = Conversion(new ConversionState(ConversionStatus.Approved, null, "p1", 25m, "EUR", "p1"));

        Assert.That(ForwardJob.For(Ads, conversion, At).Id, Is.EqualTo(ForwardJob.For(Ads, conversion, At.AddHours(1)).Id));
        Assert.That(ForwardJob.For(Ads, conversion, At).Copy, Is.Not.EqualTo(ForwardJob.For(Ads, conversion, At).Copy), "but every message is its own copy");
    }

    [Test]
    public void Id_AnotherStateForwardOrConversion_IsAnotherJob()
    {
        var state = new ConversionState(ConversionStatus.Approved, null, "p1", 25m, "EUR", "p1");
        var ids = new[]
        {
            ForwardJob.For(Ads, Conversion(state), At).Id,
            ForwardJob.For(Ads, Conversion(state with { Status = ConversionStatus.Rejected, StatusBy = "p2" }), At).Id,
            ForwardJob.For(Ads, Conversion(state with { Payout = 20m, MoneyBy = "p3" }), At).Id,
            ForwardJob.For(Ads with { Id = "partner" }, Conversion(state), At).Id,
            ForwardJob.For(Ads, Conversion(state, txId: "T-2"), At).Id,
            ForwardJob.For(Ads, Conversion(state), At, replay: true).Id,
            ForwardJob.For(Ads with { Version = "v1" }, Conversion(state), At).Id,
            ForwardJob.For(Ads with { Version = "v2" }, Conversion(state), At).Id,
        };

        Assert.That(ids, Is.Unique);
    }

    [Test]
    public void Id_OfAForwardWithoutAVersion_IsTheIdJobsHadBeforeVersions()
    {
        // A postback redelivered after the upgrade queues the same job as the one an older outbox queued for it.
        var conversion = Conversion(new ConversionState(ConversionStatus.Approved, null, "p1", 25m, "EUR", "p2"));
        var before = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes("ads\n" + ConversionKeys.ConversionId("c-1", "sale:T-1") + "\np1\np2")))[..32];

        Assert.That(ForwardJob.For(Ads, conversion, At).Id, Is.EqualTo(before));
    }

    [Test]
    public void Json_AJobWrittenBeforeVersions_ReadsWithoutAForwardVersion()
    {
        const string old = """
            {"v":1,"id":"0123456789abcdef0123456789abcdef","forwardId":"ads","conversionId":"c-1/sale:T-1","clickId":"c-1",
             "conversionKey":"sale:T-1","status":"approved","statusBy":"p1","moneyBy":"p1","values":{"txid":"T-1"},
             "attempt":2,"firstQueuedAt":"2026-11-25T12:00:00+00:00","copy":"c0"}
            """;

        var job = ForwardJobJson.Deserialize(old);

        Assert.That((job.ForwardId, job.ForwardVersion, job.Attempt, job.Values["txid"]), Is.EqualTo(("ads", (string?)null, 2, "T-1")));
    }

    [Test]
    public void Json_RoundTrips_AndRefusesAnotherVersion()
    {
        var job = ForwardJob.For(Ads with { Version = "0f1e2d3c4b5a6978" }, Conversion(new ConversionState(ConversionStatus.Pending, "hold", "p1", null, null, "")), At);

        var read = ForwardJobJson.Deserialize(System.Text.Encoding.UTF8.GetString(ForwardJobJson.Serialize(job)));

        Assert.That(read with { Values = job.Values }, Is.EqualTo(job));
        Assert.That(read.Values, Is.EquivalentTo(job.Values));
        Assert.Throws<InvalidForwardJobException>(() => ForwardJobJson.Deserialize("""{"v":2}"""));
        Assert.Throws<InvalidForwardJobException>(() => ForwardJobJson.Deserialize("not json"));
    }

    [Test]
    public void Json_TheLargestJobTraxCanMake_FitsAQueueMessage()
    {
        // Every value at the longest Trax accepts, written in the character JSON escapes longest: '<' is \u003C, six
        // bytes for one character (a control character or a surrogate pair costs no more); then Base64, 4 bytes per 3.
        var longest = new string('<', OptionalField.MaxLength);
        var postbackId = new string('f', 32);
        var conversion = new Conversion
        {
            Postback = new(ConversionType.Sale, new string('<', ClickId.MaxLength), longest, longest, new string('<', PostbackLimits.MaxTxIdLength)),
            PostbackId = postbackId, ReceivedAt = At,
            State = new ConversionState(ConversionStatus.Approved, longest, postbackId, decimal.Parse("-999999999999.9999000000000000", System.Globalization.CultureInfo.InvariantCulture), "EUR", postbackId)
            {
                Version = long.MaxValue,
            },
            Attribution = new Attribution
            {
                ClickedAt = At,
                Click = new()
                {
                    LinkId = longest, Network = longest, Program = longest, Campaign = longest, Source = longest,
                    Sub1 = longest, Sub2 = longest, Sub3 = longest, Sub4 = longest, Sub5 = longest,
                },
            },
        };
        var forward = Ads with { Id = new string('f', Slug.MaxLength), Version = new string('0', 16) };
        var job = ForwardJob.For(forward, conversion, At, replay: true) with
        {
            Attempt = int.MaxValue, LastError = new string('<', ForwardQueue.MaxLastErrorLength),
        };

        var json = ForwardJobJson.Serialize(job).Length;
        var base64 = Convert.ToBase64String(ForwardJobJson.Serialize(job)).Length;

        TestContext.Out.WriteLine($"the largest job: {json:N0} bytes of JSON, {base64:N0} in Base64 (a queue message holds {64 * 1024:N0})");
        Assert.That(json, Is.LessThanOrEqualTo(PostbackLimits.MaxMessageBytes));
        Assert.That(base64, Is.LessThanOrEqualTo(64 * 1024));
    }

    [TestCase("85512345", "sale:T-1")]
    [TestCase("ab/cd#ef%", "ftd")]
    public void ConversionId_ReadsBackAsItsClickAndKey(string clickId, string key)
    {
        var id = ConversionKeys.ConversionId(clickId, key);

        Assert.That(ConversionKeys.ParseConversionId(id), Is.EqualTo((clickId, key)));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("nokey")]
    [TestCase("/ftd")]
    [TestCase("c/")]
    [TestCase("a/b/c")]
    [TestCase("c%zz/ftd")]
    [TestCase("c%61/ftd")]
    public void ConversionId_NotOneTraxWrites_IsRefused(string? id) => Assert.That(ConversionKeys.ParseConversionId(id), Is.Null);

    [Test]
    public void Filters_EachListGiven_MustHoldTheConversionsValue()
    {
        var conversion = Conversion(new ConversionState(ConversionStatus.Approved, null, "p1", 25m, "EUR", "p1"));

        Assert.That(ForwardFilters.Any.Match(conversion), Is.True);
        Assert.That(new ForwardFilters(Types: ["sale"], Statuses: ["approved", "pending"]).Match(conversion), Is.True);
        Assert.That(new ForwardFilters(Networks: ["affiliateweb"], Campaigns: ["WINTER"], Links: ["supergame1"]).Match(conversion), Is.True);
        Assert.That(new ForwardFilters(Types: ["ftd"]).Match(conversion), Is.False);
        Assert.That(new ForwardFilters(Statuses: ["rejected"]).Match(conversion), Is.False);
        Assert.That(new ForwardFilters(Campaigns: ["summer"]).Match(conversion), Is.False);
        Assert.That(new ForwardFilters(Links: ["other"]).Match(conversion with { Attribution = null }), Is.False, "an orphan has no link");
    }

    [Test]
    public void Filters_Attribution_DefaultsToAttributedOnly()
    {
        var state = new ConversionState(ConversionStatus.Approved, null, "p1", 25m, "EUR", "p1");
        var attributed = Conversion(state);
        var orphan = attributed with { Attribution = null };
        var late = attributed with { Attribution = attributed.Attribution! with { OutsideWindow = true } };
        var all = new ForwardFilters(Attribution: ["attributed", "unattributed", "outside-window"]);

        Assert.That(new[] { attributed, orphan, late }.Select(ForwardFilters.Any.Match), Is.EqualTo(new[] { true, false, false }),
            "a forward without the filter keeps what forwards always did");
        Assert.That(new[] { attributed, orphan, late }.Select(all.Match), Is.All.True);
        Assert.That(new ForwardFilters(Attribution: ["unattributed"]).Match(orphan), Is.True);
        Assert.That(new ForwardFilters(Attribution: ["unattributed"]).Match(attributed), Is.False);
    }

    [Test]
    public void Id_SameStateBeforeAndAfterItsClickIsRegistered_IsTheSameJob()
    {
        // A forward that takes every attribution heard of the conversion when it was stored unattributed: attributing
        // it later changes no state, so the job is the one it had, and the deliverer does not send it twice.
        var attributed = Conversion(new ConversionState(ConversionStatus.Pending, null, "p1", 25m, "EUR", "p1"));

        Assert.That(ForwardJob.For(Ads, attributed with { Attribution = null }, At).Id, Is.EqualTo(ForwardJob.For(Ads, attributed, At.AddHours(1)).Id));
    }

    private static Conversion Conversion(ConversionState state, string txId = "T-1") => new()
    {
        Postback = new(ConversionType.Sale, "c-1", "AffiliateWeb", TxId: txId), State = state, PostbackId = "p1", ReceivedAt = At,
        Attribution = new Attribution { ClickedAt = At.AddHours(-1), Click = new() { LinkId = "supergame1", Campaign = "winter", Sub1 = "g-1" } },
    };
}
