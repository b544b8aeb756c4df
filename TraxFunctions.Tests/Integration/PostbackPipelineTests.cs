using System.Text.Json.Nodes;
using Trax.Clicks;
using Trax.Conversions;
using Trax.Core;
using Trax.Storage;
using Trax.Tests.Postbacks;

namespace Trax.Tests.Integration;

/// <summary>
/// The whole pipeline on Azurite: HTTP function → real queue message → trigger decoding → ProcessPostback →
/// Conversions table.
/// </summary>
[Category("Integration")]
public sealed class PostbackPipelineTests
{
    private const string SeedUrl = "/wp-json/trax/v1/ftd?clickid=85512345&network=AffiliateWeb&program=SuperGame1";

    private TraxApp trax = null!;

    [SetUp]
    public async Task SetUpAsync() => trax = await TraxApp.StartAsync();

    [TearDown]
    public async Task TearDownAsync() => await trax.DisposeAsync();

    [Test]
    public async Task Postback_SeedExample_StoresOneAttributedFtd()
    {
        await trax.SeedClickAsync(new Click
        {
            ClickId = "85512345", ClickedAt = DateTimeOffset.UtcNow.AddHours(-2),
            Attributes = new()
            {
                LinkId = "supergame1", Network = "AffiliateWeb", Program = "SuperGame1", Campaign = "november",
                Source = "https://site.example/casinos",
            },
        });

        var answer = await trax.GetAsync(SeedUrl);
        var processed = await trax.DrainAsync();

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        Assert.That(answer.Field("status"), Is.EqualTo("accepted"));
        Assert.That(processed, Is.EqualTo(1));
        var conversion = (await trax.ConversionsAsync()).Single();
        Assert.That(conversion.Key, Is.EqualTo("ftd"));
        Assert.That(conversion.Type, Is.EqualTo(ConversionType.Ftd));
        Assert.That(conversion.ClickId, Is.EqualTo("85512345"));
        Assert.That(conversion.Postback.Network, Is.EqualTo("AffiliateWeb"));
        Assert.That(conversion.Postback.Program, Is.EqualTo("SuperGame1"));
        Assert.That(conversion.PostbackId, Is.EqualTo(answer.Field("id")));
        Assert.That(conversion.Orphan, Is.False);
        Assert.That(conversion.Attribution!.Click.Campaign, Is.EqualTo("november"));
        Assert.That(conversion.Attribution.Click.LinkId, Is.EqualTo("supergame1"));
        Assert.That(conversion.Attribution.SecondsToConvert, Is.InRange(7100, 7300));
        Assert.That(conversion.Callback!.Query, Is.EqualTo(SeedUrl.Split('?')[1]));
    }

    [Test]
    public async Task Postback_QueuedMessage_IsBase64JsonAsTheTriggerExpects()
    {
        await trax.GetAsync(SeedUrl);

        var message = (await trax.ReceiveAllAsync()).Single();

        // The raw text must be Base64 (host.json's messageEncoding); decoded, it is the versioned JSON message.
        var json = JsonNode.Parse(TraxApp.DecodeLikeTheTrigger(message))!;
        Assert.That(message.MessageText, Does.Not.Contain("{"));
        Assert.That((int)json["v"]!, Is.EqualTo(1));
        Assert.That((string?)json["clickId"], Is.EqualTo("85512345"));
        Assert.That((string?)json["type"], Is.EqualTo("ftd"));
    }

    [Test]
    public async Task Postback_SameCallback20TimesConcurrently_Answers200AndStoresOneConversion()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => trax.GetAsync(SeedUrl)));
        var processed = await trax.DrainAsync();

        Assert.That(answers.Select(a => a.StatusCode), Is.All.EqualTo(200));
        Assert.That(answers.Select(a => a.Field("id")), Is.Unique);
        Assert.That(processed, Is.EqualTo(20), "every callback was durably queued");
        var conversions = await trax.ConversionsAsync();
        Assert.That(conversions, Has.Count.EqualTo(1));
        Assert.That(answers.Select(a => a.Field("id")), Does.Contain(conversions[0].PostbackId));
    }

    [Test]
    public async Task Process_SameMessageTwice_LeavesIdenticalTables()
    {
        await trax.GetAsync("/wp-json/trax/v1/sale?clickid=85512345&txid=T-1001&payout=25.50&currency=EUR");
        var message = TraxApp.DecodeLikeTheTrigger((await trax.ReceiveAllAsync()).Single());

        await trax.ProcessAsync(message);
        var once = await TableSnapshot.TakeAsync(trax.Conversions);
        await trax.ProcessAsync(message);
        await Task.WhenAll(trax.ProcessAsync(message), trax.ProcessAsync(message));
        var again = await TableSnapshot.TakeAsync(trax.Conversions);

        Assert.That(again, Is.EqualTo(once));
        Assert.That(once, Has.Count.EqualTo(2), "the conversion and its creator's history row");
        Assert.That(once.Single(r => !r.Contains("\"RowKey\":\"~h-")), Does.Contain("\"RowKey\":\"sale:T-1001\"").And.Contain("\"Payout\":\"25.50\""));
    }

    [Test]
    public async Task Process_TwoCopiesRacing_StoreOneConversion()
    {
        await trax.GetAsync(SeedUrl);
        var message = TraxApp.DecodeLikeTheTrigger((await trax.ReceiveAllAsync()).Single());

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            ProcessDirectlyAsync(message)));

        Assert.That(outcomes.Count(o => !o.Redelivered), Is.EqualTo(1), "one stored it; the others met their own conversion");
        Assert.That(outcomes.Select(o => o.Outcome).Distinct().Count(), Is.EqualTo(1), "all report the one decision");
        Assert.That(await trax.ConversionsAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Process_UnknownClick_KeepsConversionAsOrphan()
    {
        await trax.GetAsync("/wp-json/trax/v1/reg?clickid=never-clicked");
        await trax.DrainAsync();

        var conversion = (await trax.ConversionsAsync()).Single();
        Assert.That(conversion.Orphan, Is.True);
        Assert.That(conversion.ClickId, Is.EqualTo("never-clicked"));
        Assert.That(conversion.Attribution, Is.Null);
    }

    [Test]
    public async Task Keys_EveryPrintableAsciiClickId_RoundTripsThroughTableStorage()
    {
        var clickId = new string(Enumerable.Range(0x21, 0x7E - 0x21 + 1).Select(i => (char)i).ToArray());
        await trax.SeedClickAsync(new Click { ClickId = clickId, ClickedAt = DateTimeOffset.UtcNow });
        var query = "clickid=" + Uri.EscapeDataString(clickId);

        var answer = await trax.GetAsync("/wp-json/trax/v1/ftd?" + query);
        await trax.DrainAsync();

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        var conversion = (await trax.ConversionsAsync()).Single();
        Assert.That(conversion.ClickId, Is.EqualTo(clickId));
        Assert.That(Keys.Decode(Keys.ClickPartition(conversion.ClickId)), Is.EqualTo(clickId));
        Assert.That(conversion.Orphan, Is.False, "the point read found the click under the encoded key");
    }

    [Test]
    public async Task Postback_QueueUnreachable_Answers503AndQueuesNothing()
    {
        // A port nothing listens on: the queue service cannot be reached at all.
        var nowhere = AzuriteServer.ConnectionStringFor([AzuriteServer.FreePort(), AzuriteServer.FreePort(), AzuriteServer.FreePort()]);
        await using var down = await TraxApp.StartAsync(nowhere, createResources: false);

        var answer = await down.GetAsync(SeedUrl);

        Assert.That(answer.StatusCode, Is.EqualTo(503));
        Assert.That(answer.Field("status"), Is.EqualTo("error"));
        Assert.That(answer.Field("reason"), Is.EqualTo("storage-unavailable"));
        Assert.That(answer.Headers.RetryAfter.ToString(), Is.EqualTo("30"));
    }

    [TestCaseSource(typeof(ContractCase), nameof(ContractCase.Handled))]
    public async Task Contract_EveryCase_HoldsOnRealStorage(ContractCase contract)
    {
        if (contract.StorageUnreachable)
        {
            await using var down = await TraxApp.StartAsync(
                AzuriteServer.ConnectionStringFor([AzuriteServer.FreePort(), AzuriteServer.FreePort(), AzuriteServer.FreePort()]),
                createResources: false);
            Assert.That((await down.SendAsync(PostbackIngestTests.Request(contract))).StatusCode, Is.EqualTo(contract.ExpectedStatus));
            return;
        }

        var sends = contract.ExpectedOutcome == "duplicate-after-processing" ? 2 : 1;
        var answers = new List<Answer>();
        for (var i = 0; i < sends; i++)
        {
            answers.Add(await trax.SendAsync(PostbackIngestTests.Request(contract)));
            await trax.DrainAsync();
        }

        Assert.That(answers.Select(a => a.StatusCode), Is.All.EqualTo(contract.ExpectedStatus), contract.ToString());
        var conversions = await trax.ConversionsAsync();
        if (contract.IsAccepted)
        {
            var conversion = conversions.Single();
            Assert.That(conversion.ClickId, Is.EqualTo(answers[0].Field("clickid")));
            Assert.That(conversion.Type.ToName(), Is.EqualTo(answers[0].Field("type")));
            Assert.That(conversion.PostbackId, Is.EqualTo(answers[0].Field("id")));
        }
        else
        {
            Assert.That(answers[0].Field("reason"), Is.EqualTo(contract.ExpectedOutcome));
            Assert.That(conversions, Is.Empty);
            Assert.That(await trax.ReceiveAllAsync(), Is.Empty);
        }
    }

    private async Task<ProcessedPostback> ProcessDirectlyAsync(string message) =>
        await trax.Get<ConversionProcessor>().ProcessAsync(PostbackMessageJson.Deserialize(message), CancellationToken.None);
}
