using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Trax.Clicks;

namespace Trax.Tests.Integration;

/// <summary>
/// Trax's promises under retries, redelivery and outages, on real Azurite, bounded in count and time. Each test
/// prints its figures ("RELIABILITY …"), which docs/reliability.md quotes; reproduce them with
/// <c>dotnet test Trax.slnx --filter Category=Reliability --logger "console;verbosity=detailed"</c>.
/// </summary>
[Category("Integration")]
[Category("Reliability")]
public sealed class ReliabilityTests
{
    private const int Concurrency = 32;

    private TraxApp trax = null!;

    [SetUp]
    public async Task SetUpAsync() => trax = await TraxApp.StartAsync();

    [TearDown]
    public async Task TearDownAsync() => await trax.DisposeAsync();

    [TestCase("/wp-json/trax/v1/ftd?clickid=85512345&network=AffiliateWeb&program=SuperGame1")]
    [TestCase("/wp-json/trax/v1/sale?clickid=85512345&txid=T-1001&payout=25.50&currency=EUR")]
    public async Task RetryStorm_1000IdenticalPostbacks_Answer200AndStoreOneConversion(string pathAndQuery)
    {
        const int count = 1000;
        var statuses = new ConcurrentBag<int>();

        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency },
            async (_, _) => statuses.Add((await trax.GetAsync(pathAndQuery)).StatusCode));
        // Identical postbacks received before the one that stored the conversion race to record themselves; one that
        // loses too often throws and is delivered again, as the host does (maxDequeueCount 5).
        var processed = await trax.DrainAsync(Concurrency, deliveries: 5);
        var conversions = await trax.ConversionsAsync();

        Report($"retry storm ({pathAndQuery.Split('?')[0].Split('/')[^1]}): {count} identical postbacks at {Concurrency} concurrency → " +
               $"{statuses.Count(s => s == 200)} × 200, {processed} messages processed concurrently, {conversions.Count} conversion");
        Assert.That(statuses, Has.Count.EqualTo(count).And.All.EqualTo(200));
        Assert.That(processed, Is.EqualTo(count));
        Assert.That(conversions, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Redelivery_EveryMessageProcessedTwiceAndRacing_LeavesTablesAsProcessingOnce()
    {
        await trax.SeedClickAsync(new Click { ClickId = "click-1", ClickedAt = DateTimeOffset.UtcNow.AddDays(-1) });
        string[] load =
        [
            "ftd?clickid=click-1&network=AffiliateWeb", "reg?clickid=click-1", "sale?clickid=click-1&txid=A&payout=10",
            "sale?clickid=click-1&txid=B&payout=12.5&currency=usd", "ftd?clickid=orphan-2", "sale?clickid=orphan-2",
            "ftd?clickid=click-1&network=AffiliateWeb", "sale?clickid=ab%2Fcd%23ef&txid=x%3Fy",
        ];
        foreach (var postback in load)
        {
            Assert.That((await trax.GetAsync("/wp-json/trax/v1/" + postback)).StatusCode, Is.EqualTo(200));
        }

        var messages = (await trax.ReceiveAllAsync()).Select(TraxApp.DecodeLikeTheTrigger).ToList();

        foreach (var message in messages)
        {
            await trax.ProcessAsync(message);
        }

        var once = await TableSnapshot.TakeAsync(trax.Conversions);
        foreach (var message in messages)
        {
            await trax.ProcessAsync(message);
        }

        await Task.WhenAll(messages.SelectMany(m => new[]
        {
            trax.ProcessAsync(m), trax.ProcessAsync(m),
        }));
        var afterRedelivery = await TableSnapshot.TakeAsync(trax.Conversions);

        Report($"redelivery: {messages.Count} messages processed once, then again, then twice racing → " +
               $"{once.Count} rows (conversions and history) before, {afterRedelivery.Count} after, tables identical: {once.SequenceEqual(afterRedelivery)}");
        Assert.That(once.Count(r => !r.Contains("\"RowKey\":\"~h-", StringComparison.Ordinal)), Is.EqualTo(7), "8 postbacks, one of them a repeat");
        Assert.That(once, Has.Count.EqualTo(14), "and each conversion's creator in its history");
        Assert.That(afterRedelivery, Is.EqualTo(once));
    }

    [Test]
    public async Task Outage_AzuriteStoppedDuringLoad_Every200IsStoredAndNoneIs500()
    {
        await using var storage = await AzuriteServer.StartAsync();
        await using var app = await TraxApp.StartAsync(storage.ConnectionString);
        const int total = 600;
        var completed = 0;
        var answers = new ConcurrentBag<(int Status, string? Id)>();
        var exceptions = 0;
        var stopped = new TaskCompletionSource();
        var restarted = new TaskCompletionSource();

        // The storage goes away after a quarter of the load and comes back after a bit more than half.
        var outage = Task.Run(async () =>
        {
            await WaitUntilAsync(() => Volatile.Read(ref completed) >= 150);
            await storage.StopAsync();
            stopped.SetResult();
            await WaitUntilAsync(() => Volatile.Read(ref completed) >= 350);
            await storage.RestartAsync();
            restarted.SetResult();
        });
        await Parallel.ForEachAsync(Enumerable.Range(0, total), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            try
            {
                var answer = await app.GetAsync($"/wp-json/trax/v1/sale?clickid=outage-{i}&txid=T{i}");
                answers.Add((answer.StatusCode, answer.Field("id")));
            }
            catch (Exception)
            {
                Interlocked.Increment(ref exceptions); // would have been a 500
            }

            Interlocked.Increment(ref completed);
        });
        await outage;

        var queued = (await app.ReceiveAllAsync())
            .Select(m => (string)JsonNode.Parse(TraxApp.DecodeLikeTheTrigger(m))!["id"]!)
            .ToHashSet();
        var accepted = answers.Where(a => a.Status == 200).ToList();
        var unavailable = answers.Count(a => a.Status == 503);
        var other = answers.Count(a => a.Status is not (200 or 503));

        Report($"outage: {total} requests, {accepted.Count} × 200 ({accepted.Count(a => queued.Contains(a.Id!))} of them in the queue after restart), " +
               $"{unavailable} × 503, {other + exceptions} × 500 or other");
        Assert.That(stopped.Task.IsCompleted && restarted.Task.IsCompleted, Is.True);
        Assert.That(exceptions, Is.Zero, "no request escaped as a 500");
        Assert.That(other, Is.Zero, "every answer is 200 or 503");
        Assert.That(unavailable, Is.GreaterThan(0), "the outage was seen");
        Assert.That(accepted.Select(a => a.Id), Is.SubsetOf(queued), "every 200 is a stored message");
    }

    [Test]
    public async Task Outage_TablesDownWhileProcessing_ProcessorThrowsAndTheMessageLaterStoresOnce()
    {
        await using var storage = await AzuriteServer.StartAsync();
        await using var app = await TraxApp.StartAsync(storage.ConnectionString);
        await app.GetAsync("/wp-json/trax/v1/ftd?clickid=85512345");
        var message = TraxApp.DecodeLikeTheTrigger((await app.ReceiveAllAsync()).Single());

        await storage.StopAsync();
        var failure = await Assert.CatchAsync<Exception>(() => app.ProcessAsync(message));
        await storage.RestartAsync();
        await app.ProcessAsync(message);
        await app.ProcessAsync(message);

        Report($"processor with tables down: threw {failure!.GetType().Name} (the host retries the message); after restart: {(await app.ConversionsAsync()).Count} conversion");
        Assert.That(failure, Is.InstanceOf<Azure.RequestFailedException>().Or.InstanceOf<AggregateException>());
        Assert.That(await app.ConversionsAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Poison_ReplayedMessage_IsProcessedOnce()
    {
        await trax.GetAsync("/wp-json/trax/v1/sale?clickid=85512345&txid=T-1");
        var original = (await trax.ReceiveAllAsync()).Single();
        // What the host does after maxDequeueCount failures: the same text into <queue>-poison (twice here, as if
        // the host had moved a redelivered copy too), plus a message that will never be readable.
        await trax.RawPoisonQueue.SendMessageAsync(original.MessageText);
        await trax.RawPoisonQueue.SendMessageAsync(original.MessageText);
        await trax.RawPoisonQueue.SendMessageAsync(Convert.ToBase64String("{\"v\":7}"u8.ToArray()));
        await trax.RawQueue.DeleteMessageAsync(original.MessageId, original.PopReceipt);

        var listing = await trax.Get<Trax.Poison.PoisonMessages>().PeekAsync(32, CancellationToken.None);
        var replayed = await trax.Get<Trax.Poison.PoisonMessages>().ReplayAsync(2, CancellationToken.None);
        var processed = await trax.DrainAsync();
        var left = await trax.Get<Trax.Poison.PoisonMessages>().PeekAsync(32, CancellationToken.None);

        Report($"poison replay: {listing.Count} poison messages listed ({listing.Count(m => m.Problem is not null)} unreadable), " +
               $"{replayed.Count} replayed, {processed} processed, {(await trax.ConversionsAsync()).Count} conversion");
        Assert.That(listing.Count(m => m.Problem is null), Is.EqualTo(2));
        Assert.That(listing.Single(m => m.Problem is not null).Problem, Does.Contain("version 7"));
        Assert.That(replayed, Has.Count.EqualTo(2));
        Assert.That(processed, Is.EqualTo(2));
        Assert.That(await trax.ConversionsAsync(), Has.Count.EqualTo(1));
        Assert.That(left.Single().Problem, Does.Contain("version 7"), "the unreadable one stays for an operator");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The load did not progress.");
            }

            await Task.Delay(20);
        }
    }

    internal static void Report(string figure) => TestContext.Out.WriteLine("RELIABILITY " + figure);
}
