using Trax.Conversions;
using Trax.Forwards;
using Trax.Postbacks;
using Trax.Storage;

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
            ForwardJob.For(Ads, Conversion(state) with { TxId = "T-2" }, At).Id,
            ForwardJob.For(Ads, Conversion(state), At, replay: true).Id,
        };

        Assert.That(ids, Is.Unique);
    }

    [Test]
    public void Json_RoundTrips_AndRefusesAnotherVersion()
    {
        var job = ForwardJob.For(Ads, Conversion(new ConversionState(ConversionStatus.Pending, "hold", "p1", null, null, "")), At);

        var read = ForwardJobJson.Deserialize(System.Text.Encoding.UTF8.GetString(ForwardJobJson.Serialize(job)));

        Assert.That(read with { Values = job.Values }, Is.EqualTo(job));
        Assert.That(read.Values, Is.EquivalentTo(job.Values));
        Assert.Throws<InvalidForwardJobException>(() => ForwardJobJson.Deserialize("""{"v":2}"""));
        Assert.Throws<InvalidForwardJobException>(() => ForwardJobJson.Deserialize("not json"));
    }

    [TestCase("85512345", "sale:T-1")]
    [TestCase("ab/cd#ef%", "ftd")]
    public void ConversionId_ReadsBackAsItsClickAndKey(string clickId, string key)
    {
        var id = Keys.ConversionId(clickId, key);

        Assert.That(Keys.ParseConversionId(id), Is.EqualTo((clickId, key)));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("nokey")]
    [TestCase("/ftd")]
    [TestCase("c/")]
    [TestCase("a/b/c")]
    [TestCase("c%zz/ftd")]
    [TestCase("c%61/ftd")]
    public void ConversionId_NotOneTraxWrites_IsRefused(string? id) => Assert.That(Keys.ParseConversionId(id), Is.Null);

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

    private static Conversion Conversion(ConversionState state) => new()
    {
        ClickId = "c-1", Type = ConversionType.Sale, TxId = "T-1", Network = "AffiliateWeb", State = state, PostbackId = "p1", ReceivedAt = At,
        Attribution = new Attribution { ClickedAt = At.AddHours(-1), LinkId = "supergame1", Campaign = "winter", Sub1 = "g-1" },
    };
}
