using System.Net;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Trax.Tests.Storage;

/// <summary>
/// The round-trip counter on the real SDK clients, over a stub HTTP handler: what each call sends is named by
/// operation and status, and every attempt counts.
/// </summary>
public sealed class StorageRequestCounterTests
{
    private const string AzuriteTables = "http://127.0.0.1:10002/devstoreaccount1";
    private const string AzuriteQueues = "http://127.0.0.1:10001/devstoreaccount1";

    private StorageRequestCounter counter = null!;

    [SetUp]
    public void SetUp() => counter = new StorageRequestCounter();

    [Test]
    public async Task Count_PointReadOfMissingEntityThenInsert_NamesEachByTableOperationAndStatus()
    {
        var stub = new StubHandler(request => request.Method == HttpMethod.Get
            ? Json(HttpStatusCode.NotFound, """{"odata.error":{"code":"ResourceNotFound","message":{"lang":"en-US","value":"not found"}}}""")
            : Json(HttpStatusCode.NoContent, ""));
        var clicks = Table(stub, "Clicks");
        var conversions = Table(stub, "Conversions");

        var click = await clicks.GetEntityIfExistsAsync<TableEntity>("85512345", "click");
        await conversions.AddEntityAsync(new TableEntity("85512345", "ftd"));

        Assert.That(click.HasValue, Is.False);
        Assert.That(counter.Snapshot(), Is.EquivalentTo(new Dictionary<StorageRequest, int>
        {
            [new("table", "Clicks", "point read", 404)] = 1,
            [new("table", "Conversions", "insert", 204)] = 1,
        }));
    }

    [Test]
    public async Task Count_ConflictingInsert_CountsTheRefusedRequest()
    {
        var stub = new StubHandler(_ => Json(HttpStatusCode.Conflict,
            """{"odata.error":{"code":"EntityAlreadyExists","message":{"lang":"en-US","value":"exists"}}}"""));
        var conversions = Table(stub, "Conversions");

        var ex = await Assert.ThrowsAsync<Azure.RequestFailedException>(() => conversions.AddEntityAsync(new TableEntity("1", "ftd")));

        Assert.That(ex!.Status, Is.EqualTo(409));
        Assert.That(counter.Snapshot().Single().Key.ToString(), Is.EqualTo("table Conversions insert → 409"));
    }

    [Test]
    public async Task Count_RetriedRequest_CountsEveryAttempt()
    {
        var attempts = 0;
        var stub = new StubHandler(_ => ++attempts <= 2 ? Json(HttpStatusCode.ServiceUnavailable, "") : Json(HttpStatusCode.NoContent, ""));
        var conversions = Table(stub, "Conversions");

        await conversions.AddEntityAsync(new TableEntity("1", "ftd"));

        Assert.That(counter.Snapshot(), Is.EquivalentTo(new Dictionary<StorageRequest, int>
        {
            [new("table", "Conversions", "insert", 503)] = 2,
            [new("table", "Conversions", "insert", 204)] = 1,
        }));
        Assert.That(counter.Total, Is.EqualTo(3));
    }

    [Test]
    public async Task Count_QueueSendReceiveDelete_NamesEachOperation()
    {
        var stub = new StubHandler(request => request.Method == HttpMethod.Post
            ? Xml(HttpStatusCode.Created, SendAnswer)
            : request.Method == HttpMethod.Get ? Xml(HttpStatusCode.OK, "<QueueMessagesList></QueueMessagesList>")
            : Json(HttpStatusCode.NoContent, ""));
        var queue = new QueueClient(new Uri($"{AzuriteQueues}/postbacks"), Options(new QueueClientOptions(), stub));

        await queue.SendMessageAsync("hello");
        await queue.ReceiveMessagesAsync(16);
        await queue.DeleteMessageAsync("id-1", "pop-1");

        Assert.That(counter.Snapshot().Keys.Select(k => k.ToString()), Is.EquivalentTo(new[]
        {
            "queue postbacks send → 201",
            "queue postbacks receive → 200",
            "queue postbacks delete message → 204",
        }));
    }

    [Test]
    public async Task Count_AccountHostNotEmulator_TakesTheResourceFromTheFirstPathSegment()
    {
        var stub = new StubHandler(_ => Json(HttpStatusCode.NoContent, ""));
        var conversions = new TableClient(new Uri("https://trax.table.core.windows.net/Conversions"),
            new Azure.AzureSasCredential("sv=2024-01-01&sig=x"), Options(new TableClientOptions(), stub));

        await conversions.AddEntityAsync(new TableEntity("1", "ftd"));

        Assert.That(counter.Snapshot().Single().Key, Is.EqualTo(new StorageRequest("table", "Conversions", "insert", 204)));
    }

    [Test]
    public async Task Reset_AfterRequests_StartsFromZero()
    {
        var conversions = Table(new StubHandler(_ => Json(HttpStatusCode.NoContent, "")), "Conversions");
        await conversions.AddEntityAsync(new TableEntity("1", "ftd"));

        counter.Reset();

        Assert.That(counter.Total, Is.Zero);
        Assert.That(counter.Snapshot(), Is.Empty);
    }

    private TableClient Table(StubHandler stub, string name) =>
        new(new Uri(AzuriteTables), name, new TableSharedKeyCredential("devstoreaccount1", Convert.ToBase64String(new byte[64])),
            Options(new TableClientOptions(), stub));

    private T Options<T>(T options, StubHandler stub) where T : ClientOptions
    {
        options.Transport = new HttpClientTransport(new HttpClient(stub));
        options.Retry.Mode = RetryMode.Fixed;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxRetries = 2;
        options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        return options;
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static HttpResponseMessage Xml(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/xml") };

    private const string SendAnswer =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><QueueMessagesList><QueueMessage><MessageId>id-1</MessageId>" +
        "<InsertionTime>Wed, 25 Nov 2026 13:00:00 GMT</InsertionTime><ExpirationTime>Fri, 31 Dec 9999 23:59:59 GMT</ExpirationTime>" +
        "<PopReceipt>pop-1</PopReceipt><TimeNextVisible>Wed, 25 Nov 2026 13:00:00 GMT</TimeNextVisible></QueueMessage></QueueMessagesList>";

    private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }
}
