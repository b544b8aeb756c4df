using Azure.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using Trax.Monitoring;
using Trax.Postbacks;
using Trax.Tests.Support;

namespace Trax.Tests.Integration;

/// <summary>GET /api/health and the queue-depth report on real storage (Azurite), up, unprepared and unreachable.</summary>
[Category("Integration")]
public sealed class MonitoringOnAzuriteTests
{
    [Test]
    public async Task Health_StorageUp_Returns200()
    {
        await using var trax = await TraxHarness.StartAsync(AzuriteSetup.Storage.ConnectionString);

        var answer = await HealthAsync(trax);

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        Assert.That(answer.Field("status"), Is.EqualTo("healthy"));
    }

    [Test]
    public async Task Health_StorageUnreachable_Returns503()
    {
        var nowhere = AzuriteServer.ConnectionStringFor([AzuriteServer.FreePort(), AzuriteServer.FreePort(), AzuriteServer.FreePort()]);
        await using var trax = await TraxHarness.StartAsync(nowhere, createResources: false);

        var answer = await HealthAsync(trax);

        Assert.That(answer.StatusCode, Is.EqualTo(503));
        Assert.That(answer.Field("status"), Is.EqualTo("unhealthy"));
    }

    [Test]
    public async Task Health_QueueAndTablesNotCreated_Returns503()
    {
        // Storage answers, but Trax could not work: nothing was created for this app's names.
        await using var trax = await TraxHarness.StartAsync(AzuriteSetup.Storage.ConnectionString, createResources: false);

        var answer = await HealthAsync(trax);

        Assert.That(answer.StatusCode, Is.EqualTo(503));
    }

    [Test]
    public async Task QueueDepth_QueuedAndPoisonedMessages_AreReportedPerQueue()
    {
        await using var trax = await TraxHarness.StartAsync(AzuriteSetup.Storage.ConnectionString);
        var queues = new QueueServiceClient(AzuriteSetup.Storage.ConnectionString);
        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=depth-1");
        await trax.GetAsync("/wp-json/trax/v1/reg?clickid=depth-2");
        await queues.GetQueueClient(trax.QueueName + "-poison").SendMessageAsync("poisoned");
        using var test = new TestMetrics();
        using var depth = test.Collect<long>("trax.queue.depth");
        var reporter = new QueueDepthReporter(new PostbackQueue(trax.RawQueue), queues, test.Metrics, NullLogger<QueueDepthReporter>.Instance);

        var reported = await reporter.ReportAsync(CancellationToken.None);

        Assert.That(reported, Is.EqualTo(new QueueDepths(2, 1)));
        Assert.That(depth.GetMeasurementSnapshot().Single(m => (string?)m.Tags["kind"] == "poison").Value, Is.EqualTo(1));
    }

    private static async Task<Answer> HealthAsync(TraxHarness trax)
    {
        var health = new Health(new StorageHealth(new PostbackQueue(trax.RawQueue), trax.Tables, trax.Get<Trax.Links.LinkStore>(), NullLogger<StorageHealth>.Instance));
        var request = HttpRequests.Get("/api/health");
        return await HttpRequests.ExecuteAsync(await health.RunAsync(request, CancellationToken.None), request);
    }
}
