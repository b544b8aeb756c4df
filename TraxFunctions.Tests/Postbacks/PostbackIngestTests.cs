using System.Text;
using Azure;
using Moq;
using Trax.Postbacks;
using Trax.Tests.Support;

namespace Trax.Tests.Postbacks;

/// <summary>The HTTP functions and their shared handler, with the queue mocked (its sends recorded).</summary>
public sealed class PostbackIngestTests
{
    private static readonly FunctionsMetadata Metadata = FunctionsMetadata.Load();

    [TestCaseSource(typeof(ContractCase), nameof(ContractCase.Handled))]
    public async Task Ingest_ContractCase_AnswersAsContracted(ContractCase contract)
    {
        var queue = new RecordingQueue(contract.StorageUnreachable ? new RequestFailedException("Connection refused") : null);
        var functions = new PostbackFunctions(Ingest.Create(queue.Queue));

        var answer = await functions.SendAsync(Metadata, Request(contract));

        Assert.That(answer.StatusCode, Is.EqualTo(contract.ExpectedStatus), contract.ToString());
        Assert.That(answer.Headers.CacheControl.ToString(), Is.EqualTo("no-store"));
        Assert.That(answer.Headers.ContentType.ToString(), Does.StartWith("application/json"));
        if (contract.IsAccepted)
        {
            Assert.That(answer.Field("status"), Is.EqualTo("accepted"));
            Assert.That(queue.Sent, Has.Count.EqualTo(1), "an accepted postback is queued exactly once");
            var sent = queue.Sent[0];
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
            Assert.That(queue.Sent, Is.Empty, "nothing is queued for a refused callback");
        }
    }

    [Test]
    public async Task Ingest_SeedExample_QueuesEveryField()
    {
        var queue = new RecordingQueue();
        var request = HttpRequests.Get("/wp-json/trax/v1/ftd?clickid=85512345&network=AffiliateWeb&program=SuperGame1&utm=x");
        request.Headers["X-Forwarded-For"] = "198.51.100.4";

        var answer = await new PostbackFunctions(Ingest.Create(queue.Queue)).SendAsync(Metadata, request);

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        var sent = queue.Sent.Single();
        Assert.That(sent.Version, Is.EqualTo(1));
        Assert.That(sent.Type, Is.EqualTo(ConversionType.Ftd));
        Assert.That(sent.ClickId, Is.EqualTo("85512345"));
        Assert.That(sent.Network, Is.EqualTo("AffiliateWeb"));
        Assert.That(sent.Program, Is.EqualTo("SuperGame1"));
        Assert.That(sent.Method, Is.EqualTo("GET"));
        Assert.That(sent.Query, Is.EqualTo("clickid=85512345&network=AffiliateWeb&program=SuperGame1&utm=x"), "unknown parameters are kept raw");
        Assert.That(sent.ClientIp, Is.EqualTo("198.51.100.4"), "the address Azure's front end appended");
        Assert.That(sent.ForwardedFor, Is.EqualTo("198.51.100.4"));
        Assert.That(sent.UserAgent, Is.EqualTo("AffiliateWeb-Postback/1.0"));
        Assert.That(sent.ReceivedAt, Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
        Assert.That(sent.Warnings, Is.Null);
        Assert.That(queue.TimesToLive.Single(), Is.EqualTo(TimeSpan.FromSeconds(-1)), "queued postbacks never expire");
    }

    [Test]
    public async Task Ingest_SaleWithPayout_QueuesNormalisedMoney()
    {
        var queue = new RecordingQueue();

        var answer = await Send(queue, "/wp-json/trax/v1/sale?clickid=85512345&txid=T-1002&payout=10.50&currency=eur&status=approved");

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        var sent = queue.Sent.Single();
        Assert.That(sent.TxId, Is.EqualTo("T-1002"));
        Assert.That(sent.Payout, Is.EqualTo(10.50m));
        Assert.That(sent.Currency, Is.EqualTo("EUR"));
        Assert.That(sent.Status, Is.EqualTo("approved"));
    }

    [Test]
    public async Task Ingest_OptionalFieldHoldsMacro_AcceptsAndWarns()
    {
        var queue = new RecordingQueue();

        var answer = await Send(queue, "/wp-json/trax/v1/reg?clickid=85512345&network={network}&program=%5Bprogram%5D");

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        var sent = queue.Sent.Single();
        Assert.That(sent.Network, Is.Null);
        Assert.That(sent.Program, Is.Null);
        Assert.That(sent.Warnings, Is.EqualTo(new[] { "network:unreplaced-macro", "program:unreplaced-macro" }));
        Assert.That(answer.Body!.Value.GetProperty("warnings").GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    public async Task Ingest_FormPost_QueuesFormFieldsAndRawBody()
    {
        var queue = new RecordingQueue();
        var request = HttpRequests.PostForm("/wp-json/trax/v1/sale", "clickid=85512345&txid=T+9&payout=1.5");

        var answer = await new PostbackFunctions(Ingest.Create(queue.Queue)).SendAsync(Metadata, request);

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        var sent = queue.Sent.Single();
        Assert.That(sent.Method, Is.EqualTo("POST"));
        Assert.That(sent.TxId, Is.EqualTo("T 9"), "'+' is a space in a form body");
        Assert.That(sent.Payout, Is.EqualTo(1.5m));
        Assert.That(sent.Body, Is.EqualTo("clickid=85512345&txid=T+9&payout=1.5"));
    }

    [Test]
    public async Task Ingest_ClickIdInQueryAndDifferentInBody_Returns400Ambiguous()
    {
        var queue = new RecordingQueue();
        var request = HttpRequests.Create("POST", "/wp-json/trax/v1/reg?clickid=1", "clickid=2", "application/x-www-form-urlencoded");

        var answer = await new PostbackFunctions(Ingest.Create(queue.Queue)).SendAsync(Metadata, request);

        Assert.That(answer.StatusCode, Is.EqualTo(400));
        Assert.That(answer.Field("reason"), Is.EqualTo("ambiguous-clickid"));
    }

    [Test]
    public async Task Ingest_QueryOver4KiB_Returns414WithReason()
    {
        var queue = new RecordingQueue();

        var answer = await Send(queue, "/wp-json/trax/v1/ftd?clickid=1&pad=" + new string('x', PostbackLimits.MaxQueryLength));

        Assert.That(answer.StatusCode, Is.EqualTo(414));
        Assert.That(answer.Field("reason"), Is.EqualTo("query-too-long"));
        Assert.That(queue.Sent, Is.Empty);
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Ingest_BodyOver16KiB_Returns413WithReason(bool announcedLength)
    {
        var queue = new RecordingQueue();
        var request = HttpRequests.PostForm("/wp-json/trax/v1/ftd", "clickid=1&pad=" + new string('x', PostbackLimits.MaxBodyBytes));
        if (!announcedLength)
        {
            request.ContentLength = null; // a chunked body: the limit is enforced while reading
        }

        var answer = await new PostbackFunctions(Ingest.Create(queue.Queue)).SendAsync(Metadata, request);

        Assert.That(answer.StatusCode, Is.EqualTo(413));
        Assert.That(answer.Field("reason"), Is.EqualTo("body-too-large"));
        Assert.That(queue.Sent, Is.Empty);
    }

    [Test]
    public async Task Ingest_BodyThatGrowsPastAQueueMessage_Returns413AndQueuesNothing()
    {
        // 12,000 raw control bytes pass the 16 KiB body limit, but each becomes \u00XX in the JSON message: 72 KB,
        // more than a queue message holds. Retrying could never store it, so this is a 413, not a 503.
        var queue = new RecordingQueue();
        var request = HttpRequests.PostForm("/wp-json/trax/v1/ftd", "clickid=1&x=" + new string('\u0001', 12_000));

        var answer = await new PostbackFunctions(Ingest.Create(queue.Queue)).SendAsync(Metadata, request);

        Assert.That(answer.StatusCode, Is.EqualTo(413));
        Assert.That(answer.Field("reason"), Is.EqualTo("postback-too-large"));
        Assert.That(queue.Sent, Is.Empty);
        queue.Mock.Verify(q => q.SendMessageAsync(It.IsAny<BinaryData>(), It.IsAny<TimeSpan?>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Ingest_BrokenMultipartBody_Returns400InvalidBody()
    {
        var queue = new RecordingQueue();
        var request = HttpRequests.Create("POST", "/wp-json/trax/v1/reg?clickid=1", "--xyz\r\nnot a part", "multipart/form-data; boundary=xyz");

        var answer = await new PostbackFunctions(Ingest.Create(queue.Queue)).SendAsync(Metadata, request);

        Assert.That(answer.StatusCode, Is.EqualTo(400));
        Assert.That(answer.Field("reason"), Is.EqualTo("invalid-body"));
        Assert.That(queue.Sent, Is.Empty);
    }

    [Test]
    public async Task Ingest_MultipartFields_AreReadLikeAForm()
    {
        var queue = new RecordingQueue();
        const string body = "--xyz\r\nContent-Disposition: form-data; name=\"clickid\"\r\n\r\n85512345\r\n" +
                            "--xyz\r\nContent-Disposition: form-data; name=\"network\"\r\n\r\nAffiliateWeb\r\n--xyz--\r\n";
        var request = HttpRequests.Create("POST", "/wp-json/trax/v1/reg", body, "multipart/form-data; boundary=xyz");
        request.ContentLength = null; // chunked: read within the limit all the same

        var answer = await new PostbackFunctions(Ingest.Create(queue.Queue)).SendAsync(Metadata, request);

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        Assert.That(queue.Sent.Single().Network, Is.EqualTo("AffiliateWeb"));
        Assert.That(queue.Sent.Single().Body, Is.EqualTo("clickid=85512345&network=AffiliateWeb"));
    }

    [Test]
    public async Task Ingest_QueueTimesOut_Returns503WithRetryAfter()
    {
        // The SDK's own network timeout surfaces as a cancellation that the caller did not ask for.
        var queue = new RecordingQueue(new TaskCanceledException("The operation was cancelled because it exceeded the timeout."));

        var answer = await Send(queue, "/wp-json/trax/v1/ftd?clickid=85512345", new TraxOptions { RetryAfterSeconds = 45 });

        Assert.That(answer.StatusCode, Is.EqualTo(503));
        Assert.That(answer.Field("reason"), Is.EqualTo("storage-unavailable"));
        Assert.That(answer.Headers.RetryAfter.ToString(), Is.EqualTo("45"));
    }

    [Test]
    public async Task Ingest_CallerCancels_DoesNotAnswer503()
    {
        var queue = new RecordingQueue(new OperationCanceledException());
        var ingest = Ingest.Create(queue.Queue);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAsync<OperationCanceledException>(() =>
            ingest.HandleAsync(ConversionType.Ftd, HttpRequests.Get("/wp-json/trax/v1/ftd?clickid=1"), cancelled.Token));
    }

    [Test]
    public async Task Ingest_Rejected_IsRecordedInThePostbackLog()
    {
        var queue = new RecordingQueue();
        var log = new RecordingLog();
        var functions = new PostbackFunctions(Ingest.Create(queue.Queue, log: log.Writer()));

        var answer = await functions.SendAsync(Metadata, HttpRequests.Get("/wp-json/trax/v1/reg?clickid=%5BCLICK_ID%5D&network=AffiliateWeb"));

        Assert.That(answer.StatusCode, Is.EqualTo(400));
        var row = (Trax.PostbackLog.PostbackLogEntity)log.Added.Single();
        Assert.That(row.Reason, Is.EqualTo(answer.Field("reason")));
        Assert.That(row.ClickId, Is.EqualTo("[CLICK_ID]"));
        Assert.That(row.Network, Is.EqualTo("AffiliateWeb"));
    }

    [Test]
    public async Task Ingest_Accepted_WritesNothingToThePostbackLog()
    {
        // The processor records accepted postbacks with their final outcome; the HTTP path adds no round trip.
        var log = new RecordingLog();

        var answer = await new PostbackFunctions(Ingest.Create(new RecordingQueue().Queue, log: log.Writer()))
            .SendAsync(Metadata, HttpRequests.Get("/wp-json/trax/v1/ftd?clickid=85512345"));

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        log.Table.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Ingest_RejectedAndLogUnreachable_StillAnswers400()
    {
        var log = new RecordingLog(new RequestFailedException("Connection refused"));

        var answer = await new PostbackFunctions(Ingest.Create(new RecordingQueue().Queue, log: log.Writer()))
            .SendAsync(Metadata, HttpRequests.Get("/wp-json/trax/v1/ftd?clickid="));

        Assert.That(answer.StatusCode, Is.EqualTo(400));
        Assert.That(answer.Field("reason"), Is.EqualTo("missing-clickid"));
    }

    [Test]
    public async Task Ingest_RejectedAndLogNeverAnswers_Answers400OnceTheLogWriteTimesOut()
    {
        // The table never answers: only PostbackLogWriter's own timeout ends the write, and the answer is still 400.
        var log = new RecordingLog(hang: true);

        var answer = await new PostbackFunctions(Ingest.Create(new RecordingQueue().Queue, log: log.Writer()))
            .SendAsync(Metadata, HttpRequests.Get("/wp-json/trax/v1/sale?clickid=85512345&payout=abc"));

        Assert.That(answer.StatusCode, Is.EqualTo(400));
        Assert.That(answer.Field("reason"), Is.EqualTo("invalid-payout"));
        Assert.That(answer.Field("status"), Is.EqualTo("rejected"));
    }

    [Test]
    public void Rejection_ReasonCodes_AreTheDocumentedClosedSet()
    {
        var readme = File.ReadAllText(RepoPaths.File("README.md"), Encoding.UTF8);

        foreach (var rejection in Rejection.All)
        {
            Assert.That(readme, Does.Contain($"`{rejection.Reason}`"), $"README documents {rejection.Reason}");
        }

        Assert.That(Rejection.All.Select(r => r.Reason), Is.Unique);
    }

    [Test]
    public void QueryRejections_ReasonCodes_AreDocumentedInTheReportsSection()
    {
        var readme = File.ReadAllText(RepoPaths.File("README.md"), Encoding.UTF8);
        var reports = readme.IndexOf("\n## Reports", StringComparison.Ordinal);

        Assert.That(reports, Is.GreaterThanOrEqualTo(0), "README has a Reports section");
        foreach (var reason in Trax.Reports.QueryRejections.Reasons.Concat(["missing-clickid", "invalid-clickid", "storage-unavailable"]))
        {
            Assert.That(readme[reports..], Does.Contain($"`{reason}`"), $"README Reports documents {reason}");
        }

        Assert.That(Trax.Reports.QueryRejections.Reasons.Intersect(Rejection.All.Select(r => r.Reason)), Is.Empty,
            "query reason codes do not reuse postback ones with another meaning");
    }

    private static Task<Answer> Send(RecordingQueue queue, string pathAndQuery, TraxOptions? options = null) =>
        new PostbackFunctions(Ingest.Create(queue.Queue, options)).SendAsync(Metadata, HttpRequests.Get(pathAndQuery));

    internal static Microsoft.AspNetCore.Http.HttpRequest Request(ContractCase contract) =>
        contract.FormBody is null
            ? HttpRequests.Create(contract.Method, contract.PathAndQuery)
            : HttpRequests.Create(contract.Method, contract.PathAndQuery, contract.FormBody, "application/x-www-form-urlencoded");
}
