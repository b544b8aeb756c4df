using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Trax.Monitoring;
using Trax.Postbacks;
using Trax.Storage;
using Trax.Tests.Support;

namespace Trax.Tests.Monitoring;

/// <summary>GET /api/health against mocked storage: 200 when everything answers, 503 and nothing said otherwise.</summary>
public sealed class HealthTests
{
    private Mock<QueueClient> queue = null!;
    private Mock<TableClient> conversions = null!;
    private Mock<TableClient> clicks = null!;
    private Mock<TableClient> postbackLog = null!;
    private Mock<TableClient> links = null!;

    [SetUp]
    public void SetUp()
    {
        queue = new Mock<QueueClient>();
        queue.SetupGet(q => q.Name).Returns("postbacks");
        queue.Setup(q => q.GetPropertiesAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(QueuesModelFactory.QueueProperties(new Dictionary<string, string>(), 0), Mock.Of<Response>()));
        conversions = Table(failure: null);
        clicks = Table(failure: null);
        postbackLog = Table(failure: null);
        links = Table(failure: null);
    }

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
        clicks = Table(new RequestFailedException(404, "The table specified does not exist.", "TableNotFound", null));

        var answer = await CallAsync();

        Assert.That(answer.StatusCode, Is.EqualTo(503));
    }

    private async Task<Answer> CallAsync()
    {
        var health = new StorageHealth(new PostbackQueue(queue.Object), new TraxTables(conversions.Object, clicks.Object, postbackLog.Object), new Trax.Links.LinkStore(links.Object), NullLogger<StorageHealth>.Instance);
        var request = HttpRequests.Get("/api/health");
        return await HttpRequests.ExecuteAsync(await new Health(health).RunAsync(request, CancellationToken.None), request);
    }

    private static Mock<TableClient> Table(Exception? failure)
    {
        var table = new Mock<TableClient>();
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
