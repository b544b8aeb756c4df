using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Trax.Clicks;
using Trax.Postbacks;
using Trax.Storage;
using Trax.Tests.Support;

namespace Trax.Tests.Integration;

/// <summary>
/// Storage round trips per postback, counted on the clients <c>AddTrax</c> builds (a counting pipeline policy
/// registered in DI joins them all), so that a write added to the processor shows up here. Budget: one queue send
/// per accepted postback, at most 3 round trips per new attributed conversion, at most 2 per duplicate.
/// </summary>
[Category("Integration")]
public sealed class RoundTripBudgetTests
{
    private const string SeedUrl = "/wp-json/trax/v1/ftd?clickid=85512345&network=AffiliateWeb&program=SuperGame1";

    private StorageRequestCounter counter = null!;
    private TraxHarness trax = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        counter = new StorageRequestCounter();
        trax = await TraxHarness.StartAsync(AzuriteSetup.Storage.ConnectionString,
            configureServices: services => services.AddSingleton<HttpPipelinePolicy>(counter));
        await trax.SeedClickAsync(ClickEntity.Create("85512345", DateTimeOffset.UtcNow.AddHours(-1)));
        counter.Reset();
    }

    [TearDown]
    public async Task TearDownAsync() => await trax.DisposeAsync();

    [Test]
    public async Task Ingest_AcceptedPostback_IsOneQueueSend()
    {
        var answer = await trax.GetAsync(SeedUrl);

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        Assert.That(counter.Snapshot().Keys.Select(k => (k.Service, k.Operation, k.Status)),
            Is.EqualTo(new[] { ("queue", "send", 201) }));
        Assert.That(counter.Total, Is.EqualTo(1));
    }

    [Test]
    public async Task Process_NewAttributedConversion_StaysWithinThreeRoundTrips()
    {
        var message = await QueueOneAsync();

        await trax.Processor.RunAsync(message, CancellationToken.None);

        var requests = counter.Snapshot();
        Assert.That(requests.Keys, Has.Some.Matches<StorageRequest>(r => r is { Operation: "point read", Status: 200 }),
            "the click was read and found");
        Assert.That(requests.Keys, Has.Some.Matches<StorageRequest>(r => r is { Operation: "insert", Status: 204 or 201 }),
            "the conversion was inserted");
        Assert.That(counter.Total, Is.LessThanOrEqualTo(3), string.Join("; ", requests));
    }

    [Test]
    public async Task Process_RedeliveredMessage_CostsFourRoundTrips()
    {
        // Over issue 7's budget of 2 per duplicate: the postback log (issue 6) needs the read that tells a redelivery
        // (heal the log) from another postback's duplicate, and a log write. README "Round trips, one by one".
        var message = await QueueOneAsync();
        await trax.Processor.RunAsync(message, CancellationToken.None);
        counter.Reset();

        await trax.Processor.RunAsync(message, CancellationToken.None);

        var requests = counter.Snapshot();
        Assert.That(requests.Keys, Has.Some.Matches<StorageRequest>(r => r is { Operation: "insert", Status: 409 }),
            "the duplicate was refused by the unique key");
        Assert.That(counter.Total, Is.EqualTo(4), "click read, insert (409), conversion read, log + index transaction: " + string.Join("; ", requests));
    }

    /// <summary>The queued message for the seed postback, as the trigger would hand it over.</summary>
    private async Task<string> QueueOneAsync()
    {
        await trax.GetAsync(SeedUrl);
        var message = TraxHarness.DecodeLikeTheTrigger((await trax.ReceiveAllAsync()).Single());
        counter.Reset();
        return message;
    }
}
