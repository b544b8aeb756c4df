using Trax.Clicks;

namespace Trax.Tests.Integration;

/// <summary>
/// Storage round trips per postback, counted on the clients <c>AddTrax</c> builds (a counting pipeline policy
/// registered in DI joins them all), so that a write added to the processor shows up here. Budget: one queue send
/// per accepted postback, at most 3 round trips per new attributed conversion, 4 per orphan (the second click read
/// that closes the race with a late registration) and at most 4 per duplicate.
/// </summary>
[Category("Integration")]
public sealed class RoundTripBudgetTests
{
    private const string SeedUrl = "/wp-json/trax/v1/ftd?clickid=85512345&network=AffiliateWeb&program=SuperGame1";

    private TraxApp trax = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        trax = await TraxApp.StartAsync(AzuriteSetup.Storage.ConnectionString);
        await trax.SeedClickAsync(new Click { ClickId = "85512345", ClickedAt = DateTimeOffset.UtcNow.AddHours(-1) });
        trax.Requests.Reset();
    }

    [TearDown]
    public async Task TearDownAsync() => await trax.DisposeAsync();

    [Test]
    public async Task Ingest_AcceptedPostback_IsOneQueueSend()
    {
        var answer = await trax.GetAsync(SeedUrl);

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        Assert.That(trax.Requests.Snapshot().Keys.Select(k => (k.Service, k.Operation, k.Status)),
            Is.EqualTo(new[] { ("queue", "send", 201) }));
        Assert.That(trax.Requests.Total, Is.EqualTo(1));
    }

    [Test]
    public async Task Process_NewAttributedConversion_IsThreeRoundTrips()
    {
        var message = await QueueOneAsync(SeedUrl);

        await trax.ProcessAsync(message);

        Assert.That(Described(), Is.EquivalentTo(new[] { "table Clicks point read → 200", "table Conversions insert → 204", "table $batch transaction → 202" }));
    }

    [Test]
    public async Task Process_NewOrphan_IsFourRoundTrips()
    {
        var message = await QueueOneAsync("/wp-json/trax/v1/ftd?clickid=unknown-1");

        await trax.ProcessAsync(message);

        Assert.That(Described(), Is.EquivalentTo(new[]
        {
            "table Clicks point read → 404", "table Conversions insert → 204", "table Clicks point read → 404", "table PostbackLog insert → 204",
        }), "the second click read closes the race with a registration that inserted the click after the first");
    }

    [Test]
    public async Task Process_DuplicateOfAnotherPostback_IsFourRoundTrips()
    {
        await trax.ProcessAsync(await QueueOneAsync(SeedUrl));
        var duplicate = await QueueOneAsync(SeedUrl);

        await trax.ProcessAsync(duplicate);

        Assert.That(Described(), Is.EquivalentTo(new[]
        {
            "table Clicks point read → 200", "table Conversions insert → 409", "table Conversions point read → 200", "table PostbackLog insert → 204",
        }), "click read, insert refused by the unique key, read of whose it is, the duplicate's log row");
    }

    [Test]
    public async Task Process_RedeliveredMessage_IsFourRoundTrips()
    {
        var message = await QueueOneAsync(SeedUrl);
        await trax.ProcessAsync(message);
        trax.Requests.Reset();

        await trax.ProcessAsync(message);

        Assert.That(Described(), Is.EquivalentTo(new[]
        {
            "table Clicks point read → 200", "table Conversions insert → 409", "table Conversions point read → 200", "table $batch transaction → 202",
        }), "its own conversion: the log and index rows are written again");
    }

    /// <summary>Every request since the last reset, one entry per request, with this app's names made generic.</summary>
    private List<string> Described() =>
        [.. trax.Requests.Snapshot().SelectMany(kv => Enumerable.Repeat(kv.Key with { Resource = kv.Key.Resource.Replace(trax.RunId, "") }, kv.Value))
            .Select(r => r.ToString())];

    /// <summary>The queued message for a postback, as the trigger would hand it over.</summary>
    private async Task<string> QueueOneAsync(string url)
    {
        await trax.GetAsync(url);
        var message = (await trax.ReceiveTextsAsync()).Single();
        trax.Requests.Reset();
        return message;
    }
}
