using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Trax.Monitoring;
using Trax.Postbacks;

namespace Trax.Tests.Monitoring;

/// <summary>GET /api/health against mocked storage: 200 when everything answers, 503 and nothing said otherwise.</summary>
public sealed class HealthTests
{
    private UnitApp app = null!;
    private Mock<QueueClient> queue = null!;
    private Mock<TableClient> conversions = null!;
    private Mock<TableClient> clicks = null!;
    private Mock<TableClient> postbackLog = null!;
    private Mock<TableClient> links = null!;
    private Mock<TableClient>[] otherTables = null!;
    private FakeTimeProvider clock = null!;

    [SetUp]
    public void SetUp()
    {
        queue = new Mock<QueueClient>();
        queue.SetupGet(q => q.Name).Returns("postbacks");
        queue.Setup(q => q.GetPropertiesAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(QueuesModelFactory.QueueProperties(new Dictionary<string, string>(), 0), Mock.Of<Response>()));
        clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        app = UnitApp.Create(configureServices: services => services
            .Replace(ServiceDescriptor.Singleton(_ => new PostbackQueue(queue.Object, new Mock<QueueClient>().Object)))
            .Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        conversions = Table(app.Conversions.Mock, failure: null);
        clicks = Table(app.Clicks.Mock, failure: null);
        postbackLog = Table(app.PostbackLog.Mock, failure: null);
        links = Table(app.Links.Mock, failure: null);
        otherTables = [Table(app.Forwards.Mock, failure: null), Table(app.ForwardJobs.Mock, failure: null), Table(app.ForwardDeliveries.Mock, failure: null), Table(app.Rates.Mock, failure: null), Table(app.Reconciliations.Mock, failure: null), Table(app.Traffic.Mock, failure: null)];
    }

    [TearDown]
    public void TearDown() => app.Dispose();

    [Test]
    public async Task Health_QueueAndTablesAnswer_Returns200Healthy()
    {
        var answer = await CallAsync();

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        Assert.That(answer.Field("status"), Is.EqualTo("healthy"));
        Assert.That(answer.Headers.CacheControl.ToString(), Is.EqualTo("no-store"));
        conversions.Verify(t => t.QueryAsync<TableEntity>(It.IsAny<string?>(), 1, It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()), Times.Once);
        clicks.Verify(t => t.QueryAsync<TableEntity>(It.IsAny<string?>(), 1, It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()), Times.Once);
        postbackLog.Verify(t => t.QueryAsync<TableEntity>(It.IsAny<string?>(), 1, It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()), Times.Once);
        links.Verify(t => t.QueryAsync<TableEntity>(It.IsAny<string?>(), 1, It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()), Times.Once);
        foreach (var table in otherTables)
        {
            table.Verify(t => t.QueryAsync<TableEntity>(It.IsAny<string?>(), 1, It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()), Times.Once);
        }
    }

    [Test]
    public async Task Health_ManyCallsWithinFiveSeconds_ProbeStorageOnce()
    {
        // Anyone may call /api/health: a flood of it must not become a flood of reads on the storage account the
        // postbacks need (each probe is a read of every table and the queue).
        for (var i = 0; i < 20; i++)
        {
            Assert.That((await CallAsync()).StatusCode, Is.EqualTo(200));
        }

        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.That((await CallAsync()).StatusCode, Is.EqualTo(200));
        queue.Verify(q => q.GetPropertiesAsync(It.IsAny<CancellationToken>()), Times.Once);
        conversions.Verify(t => t.QueryAsync<TableEntity>(It.IsAny<string?>(), 1, It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()), Times.Once);

        clock.Advance(TimeSpan.FromSeconds(1));
        await CallAsync();
        queue.Verify(q => q.GetPropertiesAsync(It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Test]
    public async Task Health_StorageRecovers_IsHealthyAgainAtTheNextProbe()
    {
        queue.Setup(q => q.GetPropertiesAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new RequestFailedException("Connection refused"));
        Assert.That((await CallAsync()).StatusCode, Is.EqualTo(503));
        queue.Setup(q => q.GetPropertiesAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(QueuesModelFactory.QueueProperties(new Dictionary<string, string>(), 0), Mock.Of<Response>()));

        Assert.That((await CallAsync()).StatusCode, Is.EqualTo(503), "the verdict of the last five seconds");
        clock.Advance(StorageHealth.Reuse);
        Assert.That((await CallAsync()).StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task Health_QueueUnreachable_Returns503AndSaysNothingMore()
    {
        queue.Setup(q => q.GetPropertiesAsync(It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException("Connection refused (traxdata.queue.core.windows.net:443)"));

        var answer = await CallAsync();

        Assert.That(answer.StatusCode, Is.EqualTo(503));
        Assert.That(answer.Body!.Value.GetRawText(), Is.EqualTo("{\"status\":\"unhealthy\"}"), "no account, queue or error in the answer");
    }

    [Test]
    public async Task Health_OneTableMissing_Returns503()
    {
        clicks = Table(app.Clicks.Mock, new RequestFailedException(404, "The table specified does not exist.", "TableNotFound", null));

        var answer = await CallAsync();

        Assert.That(answer.StatusCode, Is.EqualTo(503));
    }

    [Test]
    public async Task Health_Unhealthy_SaysWhenToAskAgainAsEvery503Does()
    {
        clicks = Table(app.Clicks.Mock, new RequestFailedException(404, "The table specified does not exist.", "TableNotFound", null));

        var answer = await CallAsync();

        Assert.That(answer.StatusCode, Is.EqualTo(503));
        Assert.That(answer.Headers.RetryAfter.ToString(), Is.EqualTo("30"), "Trax__RetryAfterSeconds' default");
    }

    private Task<Answer> CallAsync() => app.GetAsync("/api/health");

    private static Mock<TableClient> Table(Mock<TableClient> table, Exception? failure)
    {
        var query = table.Setup(t => t.QueryAsync<TableEntity>(It.IsAny<string?>(), It.IsAny<int?>(), It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()));
        query.Returns(failure is null
            ? AsyncPageable<TableEntity>.FromPages([Page<TableEntity>.FromValues([], null, Mock.Of<Response>())])
            : new FailingPageable(failure));
        return table;
    }

    /// <summary>A query whose first page fails, as the SDK's does when the table is missing or unreachable.</summary>
    private sealed class FailingPageable(Exception failure) : AsyncPageable<TableEntity>
    {
        public override async IAsyncEnumerable<Page<TableEntity>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
        {
            await Task.Yield();
            throw failure;
#pragma warning disable CS0162 // an async iterator needs a yield to be one
            yield break;
#pragma warning restore CS0162
        }
    }
}
