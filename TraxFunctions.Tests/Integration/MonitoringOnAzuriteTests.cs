using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Trax.Monitoring;
using Trax.Telemetry;

namespace Trax.Tests.Integration;

/// <summary>GET /api/health and the queue-depth report on real storage (Azurite), up, unprepared and unreachable.</summary>
[Category("Integration")]
public sealed class MonitoringOnAzuriteTests
{
    [Test]
    public async Task Health_StorageUp_Returns200()
    {
        await using var trax = await TraxApp.StartAsync();

        var answer = await HealthAsync(trax);

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        Assert.That(answer.Field("status"), Is.EqualTo("healthy"));
    }

    [Test]
    public async Task Health_StorageUnreachable_Returns503()
    {
        var nowhere = AzuriteServer.ConnectionStringFor([AzuriteServer.FreePort(), AzuriteServer.FreePort(), AzuriteServer.FreePort()]);
        await using var trax = await TraxApp.StartAsync(nowhere, createResources: false);

        var answer = await HealthAsync(trax);

        Assert.That(answer.StatusCode, Is.EqualTo(503));
        Assert.That(answer.Field("status"), Is.EqualTo("unhealthy"));
    }

    [Test]
    public async Task Health_QueueAndTablesNotCreated_Returns503()
    {
        // Storage answers, but Trax could not work: nothing was created for this app's names.
        await using var trax = await TraxApp.StartAsync(createResources: false);

        var answer = await HealthAsync(trax);

        Assert.That(answer.StatusCode, Is.EqualTo(503));
    }

    [Test]
    public async Task QueueDepth_QueuedAndPoisonedMessages_AreReportedPerQueue()
    {
        await using var trax = await TraxApp.StartAsync();
        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=depth-1");
        await trax.GetAsync("/wp-json/trax/v1/reg?clickid=depth-2");
        await trax.RawPoisonQueue.SendMessageAsync("poisoned");
        using var depth = new MetricCollector<long>(trax.Get<System.Diagnostics.Metrics.IMeterFactory>(), TraxMetrics.MeterName, "trax.queue.depth");
        using var age = new MetricCollector<double>(trax.Get<System.Diagnostics.Metrics.IMeterFactory>(), TraxMetrics.MeterName, "trax.queue.oldest_age");

        await trax.Host.RunAsync(nameof(ReportQueueDepth), null);

        Assert.That(depth.GetMeasurementSnapshot().Select(m => ((string?)m.Tags["kind"], m.Value)), Is.EquivalentTo(new[] { ("main", 2L), ("poison", 1L), ("forwards", 0L), ("forwards-poison", 0L) }));
        Assert.That(age.GetMeasurementSnapshot().Single().Value, Is.GreaterThanOrEqualTo(0), "the front message's age, read by a peek");
        Assert.That((await trax.ReceiveAllAsync()).Count, Is.EqualTo(2), "the peek dequeued nothing");
    }

    [Test]
    public async Task Health_AnyOneQueueOrTableMissing_Returns503()
    {
        // Each resource alone: the postback queue, the forward outbox and every table (docs/deploy-and-monitor.md).
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var trax = await TraxApp.StartAsync(clock);
        var unhealthyWithout = new List<string>();
        foreach (var resource in trax.Get<IEnumerable<Trax.Storage.IStorageResource>>())
        {
            await DeleteAsync(resource.Name);
            clock.Advance(StorageHealth.Reuse);
            if ((await HealthAsync(trax)).StatusCode == 503)
            {
                unhealthyWithout.Add(resource.Name);
            }

            await resource.CreateIfNotExistsAsync(CancellationToken.None);
        }

        clock.Advance(StorageHealth.Reuse);
        Assert.That((await HealthAsync(trax)).StatusCode, Is.EqualTo(200));
        Assert.That(unhealthyWithout, Does.Contain(trax.Options.QueueName).And.Contain(trax.Options.ForwardQueueName).And.Contain(trax.Options.ConversionsTable));
        Assert.That(unhealthyWithout, Has.Count.EqualTo(trax.Get<IEnumerable<Trax.Storage.IStorageResource>>().Count()));
    }

    private static async Task DeleteAsync(string name)
    {
        var connection = (await AzuriteServer.SharedAsync()).ConnectionString;
        if (name.Contains('-', StringComparison.Ordinal) || name == name.ToLowerInvariant())
        {
            await new Azure.Storage.Queues.QueueClient(connection, name).DeleteIfExistsAsync();
        }
        else
        {
            await new Azure.Data.Tables.TableClient(connection, name).DeleteAsync();
        }
    }

    private static Task<Answer> HealthAsync(TraxApp trax) => trax.GetAsync("/api/health");
}
