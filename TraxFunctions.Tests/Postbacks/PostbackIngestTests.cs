using Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Trax.Core;

namespace Trax.Tests.Postbacks;

/// <summary>The HTTP functions and their shared handler, with the queue recording its sends and the tables mocked.</summary>
public sealed partial class PostbackIngestTests
{
    private UnitApp app = null!;

    [SetUp]
    public void SetUp() => app = UnitApp.Create();

    [TearDown]
    public void TearDown() => app.Dispose();

    [TestCaseSource(typeof(ContractCase), nameof(ContractCase.Handled))]
    public async Task Ingest_ContractCase_AnswersAsContracted(ContractCase contract)
    {
        app.Queue.Failure = contract.StorageUnreachable ? new RequestFailedException("Connection refused") : null;

        var answer = await app.SendAsync(Request(contract));

        Assert.That(answer.StatusCode, Is.EqualTo(contract.ExpectedStatus), contract.ToString());
        Assert.That(answer.Headers.CacheControl.ToString(), Is.EqualTo("no-store"));
        Assert.That(answer.Headers.ContentType.ToString(), Does.StartWith("application/json"));
        if (contract.IsAccepted)
        {
            Assert.That(answer.Field("status"), Is.EqualTo("accepted"));
            Assert.That(app.Queue.Messages, Has.Count.EqualTo(1), "an accepted postback is queued exactly once");
            var sent = app.Queue.Messages[0];
            Assert.That(answer.Field("id"), Is.EqualTo(sent.Id));
            Assert.That(answer.Field("clickid"), Is.EqualTo(sent.ClickId));
            Assert.That(answer.Field("type"), Is.EqualTo(contract.Path.Split('/')[^1]));
            Assert.That(sent.Type.ToName(), Is.EqualTo(contract.Path.Split('/')[^1]));
        }
        else
        {
            Assert.That(answer.Field("reason"), Is.EqualTo(contract.ExpectedOutcome));
            Assert.That(answer.Field("message"), Is.Not.Empty);
            Assert.That(answer.Field("status"), Is.EqualTo(contract.ExpectedStatus == 503 ? "error" : "rejected"));
            Assert.That(app.Queue.Messages, Is.Empty, "nothing is queued for a refused callback");
        }
    }

    [Test]
    public async Task Ingest_SeedExample_QueuesEveryField()
    {
        var request = HttpRequests.Get("/wp-json/trax/v1/ftd?clickid=85512345&network=AffiliateWeb&program=SuperGame1&utm=x");
        request.Headers["X-Forwarded-For"] = "198.51.100.4";

        var answer = await app.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        var sent = app.Queue.Messages.Single();
        Assert.That(sent.Version, Is.EqualTo(1));
        Assert.That(sent.Type, Is.EqualTo(ConversionType.Ftd));
        Assert.That(sent.ClickId, Is.EqualTo("85512345"));
        Assert.That(sent.Network, Is.EqualTo("AffiliateWeb"));
        Assert.That(sent.Program, Is.EqualTo("SuperGame1"));
        Assert.That(sent.Method, Is.EqualTo("GET"));
        Assert.That(sent.Query, Is.EqualTo("clickid=85512345&network=AffiliateWeb&program=SuperGame1&utm=x"), "unknown parameters are kept raw");
        Assert.That(sent.ClientIp, Is.EqualTo("203.0.113.7"), "the connection's address, which the worker takes from the host");
        Assert.That(sent.ForwardedFor, Is.EqualTo("198.51.100.4"), "recorded as received, never trusted");
        Assert.That(sent.UserAgent, Is.EqualTo("AffiliateWeb-Postback/1.0"));
        Assert.That(sent.ReceivedAt, Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
        Assert.That(sent.Warnings, Is.Null);
        Assert.That(app.Queue.TimesToLive.Single(), Is.EqualTo(TimeSpan.FromSeconds(-1)), "queued postbacks never expire");
    }

    [Test]
    public async Task Ingest_SaleWithPayout_QueuesNormalisedMoney()
    {

        var answer = await Send("/wp-json/trax/v1/sale?clickid=85512345&txid=T-1002&payout=10.50&currency=eur&status=approved");

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        var sent = app.Queue.Messages.Single();
        Assert.That(sent.TxId, Is.EqualTo("T-1002"));
        Assert.That(sent.Payout, Is.EqualTo(10.50m));
        Assert.That(sent.Currency, Is.EqualTo("EUR"));
        Assert.That(sent.Status, Is.EqualTo("approved"));
    }

    [Test]
    public async Task Ingest_OptionalFieldHoldsMacro_AcceptsAndWarns()
    {

        var answer = await Send("/wp-json/trax/v1/reg?clickid=85512345&network={network}&program=%5Bprogram%5D");

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        var sent = app.Queue.Messages.Single();
        Assert.That(sent.Network, Is.Null);
        Assert.That(sent.Program, Is.Null);
        Assert.That(sent.Warnings, Is.EqualTo(new[] { "network:unreplaced-macro", "program:unreplaced-macro" }));
        Assert.That(answer.Body!.Value.GetProperty("warnings").GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    public async Task Ingest_FormPost_QueuesFormFieldsAndRawBody()
    {
        var request = HttpRequests.PostForm("/wp-json/trax/v1/sale", "clickid=85512345&txid=T+9&payout=1.5");

        var answer = await app.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        var sent = app.Queue.Messages.Single();
        Assert.That(sent.Method, Is.EqualTo("POST"));
        Assert.That(sent.TxId, Is.EqualTo("T 9"), "'+' is a space in a form body");
        Assert.That(sent.Payout, Is.EqualTo(1.5m));
        Assert.That(sent.Body, Is.EqualTo("clickid=85512345&txid=T+9&payout=1.5"));
    }

    [Test]
    public async Task Ingest_ClickIdInQueryAndDifferentInBody_Returns400Ambiguous()
    {
        var request = HttpRequests.Create("POST", "/wp-json/trax/v1/reg?clickid=1", "clickid=2", "application/x-www-form-urlencoded");

        var answer = await app.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(400));
        Assert.That(answer.Field("reason"), Is.EqualTo("ambiguous-clickid"));
    }

    [Test]
    public async Task Ingest_QueueTimesOut_Returns503WithRetryAfter()
    {
        // The SDK's own network timeout surfaces as a cancellation that the caller did not ask for.
        using var slow = UnitApp.Create(new Dictionary<string, string?> { ["Trax:RetryAfterSeconds"] = "45" });
        slow.Queue.Failure = new TaskCanceledException("The operation was cancelled because it exceeded the timeout.");

        var answer = await slow.GetAsync("/wp-json/trax/v1/ftd?clickid=85512345");

        Assert.That(answer.StatusCode, Is.EqualTo(503));
        Assert.That(answer.Field("reason"), Is.EqualTo("storage-unavailable"));
        Assert.That(answer.Headers.RetryAfter.ToString(), Is.EqualTo("45"));
    }

    [Test]
    public async Task Ingest_CallerCancels_DoesNotAnswer503()
    {
        app.Queue.Failure = new OperationCanceledException();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAsync<OperationCanceledException>(() =>
            app.Host.SendAsync(HttpRequests.Get("/wp-json/trax/v1/ftd?clickid=1"), cancelled.Token));
    }

    private Task<Answer> Send(string pathAndQuery) => app.GetAsync(pathAndQuery);

    internal static Microsoft.AspNetCore.Http.HttpRequest Request(ContractCase contract) =>
        contract.FormBody is null
            ? HttpRequests.Create(contract.Method, contract.PathAndQuery)
            : HttpRequests.Create(contract.Method, contract.PathAndQuery, contract.FormBody, "application/x-www-form-urlencoded");
}
