using Azure;
using Moq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Trax.Core;
using Trax.Input;

namespace Trax.Tests.Postbacks;

/// <summary>The HTTP functions and their shared handler, with the queue recording its sends and the tables mocked.</summary>
public sealed class PostbackIngestTests
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
    public async Task Ingest_QueryOver4KiB_Returns414WithReason()
    {

        var answer = await Send("/wp-json/trax/v1/ftd?clickid=1&pad=" + new string('x', PostbackLimits.MaxQueryLength));

        Assert.That(answer.StatusCode, Is.EqualTo(414));
        Assert.That(answer.Field("reason"), Is.EqualTo("query-too-long"));
        Assert.That(app.Queue.Messages, Is.Empty);
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Ingest_BodyOver16KiB_Returns413WithReason(bool announcedLength)
    {
        var request = HttpRequests.PostForm("/wp-json/trax/v1/ftd", "clickid=1&pad=" + new string('x', PostbackLimits.MaxBodyBytes));
        if (!announcedLength)
        {
            request.ContentLength = null; // a chunked body: the limit is enforced while reading
        }

        var answer = await app.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(413));
        Assert.That(answer.Field("reason"), Is.EqualTo("body-too-large"));
        Assert.That(app.Queue.Messages, Is.Empty);
    }

    [Test]
    public async Task Ingest_BodyThatGrowsPastAQueueMessage_Returns413AndQueuesNothing()
    {
        // 12,000 raw control bytes pass the 16 KiB body limit, but each becomes \u00XX in the JSON message: 72 KB,
        // more than a queue message holds. Retrying could never store it, so this is a 413, not a 503.
        var request = HttpRequests.PostForm("/wp-json/trax/v1/ftd", "clickid=1&x=" + new string('\u0001', 12_000));

        var answer = await app.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(413));
        Assert.That(answer.Field("reason"), Is.EqualTo("postback-too-large"));
        Assert.That(app.Queue.Messages, Is.Empty);
        Assert.That(app.Queue.Checksum, Is.Zero, "no send was even tried");
    }

    [Test]
    public async Task Ingest_TxIdOf16000LessThanSigns_Returns413PostbackTooLarge_AndQueuesNothing()
    {
        // Issue 17's case: the postback itself fits its queue message (relaxed JSON leaves '<' as it is), but a forward
        // job carries the txid again, escaped as \u003C (6 bytes) and then Base64 (4/3): 128 KB, twice what a queue
        // message holds. Accepted, it was stored and counted and then poisoned every time its job was queued.
        var request = HttpRequests.PostForm("/wp-json/trax/v1/sale", "clickid=85512345&txid=" + new string('<', 16_000));

        var answer = await app.SendAsync(request);

        Assert.That((answer.StatusCode, answer.Field("reason")), Is.EqualTo((413, "postback-too-large")));
        Assert.That(answer.Field("message"), Does.Contain("txid"));
        Assert.That(app.Queue.Messages, Is.Empty);
        Assert.That(app.RejectedRows.Single().Reason, Is.EqualTo("postback-too-large"), "logged as refused");
    }

    [TestCase(PostbackLimits.MaxTxIdLength, 200)]
    [TestCase(PostbackLimits.MaxTxIdLength + 1, 413)]
    public async Task Ingest_TxIdAtItsLimit_IsAccepted_OneCharacterMoreIsNot(int length, int status)
    {
        var answer = await app.GetAsync("/wp-json/trax/v1/sale?clickid=85512345&txid=" + new string('T', length));

        Assert.That(answer.StatusCode, Is.EqualTo(status));
        Assert.That(app.Queue.Messages, Has.Count.EqualTo(status == 200 ? 1 : 0));
    }

    [Test]
    public async Task Ingest_TextLongerThanATablePropertyHolds_Returns413BeforeQueueing()
    {
        // 12,000 control characters in a multipart field are kept as %XX in the stored body: 36,000 characters, more
        // than a Table Storage property (32,768). The queue message would fit; the stores never could.
        var body = "--xyz\r\nContent-Disposition: form-data; name=\"clickid\"\r\n\r\n85512345\r\n" +
                   $"--xyz\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n{new string('\u0001', 12_000)}\r\n--xyz--\r\n";
        var request = HttpRequests.Create("POST", "/wp-json/trax/v1/reg", body, "multipart/form-data; boundary=xyz");

        var answer = await app.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(413));
        Assert.That(answer.Field("reason"), Is.EqualTo("postback-too-large"));
        Assert.That(app.Queue.Messages, Is.Empty);
        Assert.That(app.RejectedRows.Single().Source!.Body!.Length, Is.LessThanOrEqualTo(StorableValues.MaxStringLength), "its log row is cut to fit");
    }

    [Test]
    public async Task Ingest_MultipartNonAsciiField_IsStoredAsItsTextNotPercentEncoded()
    {
        var note = string.Concat(Enumerable.Repeat("Ünïcødé ✓ ", 800));
        var body = "--xyz\r\nContent-Disposition: form-data; name=\"clickid\"\r\n\r\n85512345\r\n" +
                   $"--xyz\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n{note}\r\n" +
                   "--xyz\r\nContent-Disposition: form-data; name=\"odd\"\r\n\r\na&b=c+d%\r\n--xyz--\r\n";

        var answer = await app.SendAsync(HttpRequests.Create("POST", "/wp-json/trax/v1/reg", body, "multipart/form-data; boundary=xyz"));

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        var stored = app.Queue.Messages.Single().Body!;
        Assert.That(stored.Length, Is.LessThan(note.Length + 100), "about as long as what was sent");
        var parsed = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(stored);
        Assert.That(parsed["note"].ToString(), Is.EqualTo(note));
        Assert.That(parsed["odd"].ToString(), Is.EqualTo("a&b=c+d%"), "what would change the parse is escaped");
    }

    [Test]
    public async Task Ingest_BrokenMultipartBody_Returns400InvalidBody()
    {
        var request = HttpRequests.Create("POST", "/wp-json/trax/v1/reg?clickid=1", "--xyz\r\nnot a part", "multipart/form-data; boundary=xyz");

        var answer = await app.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(400));
        Assert.That(answer.Field("reason"), Is.EqualTo("invalid-body"));
        Assert.That(app.Queue.Messages, Is.Empty);
    }

    [Test]
    public async Task Ingest_MultipartFields_AreReadLikeAForm()
    {
        const string body = "--xyz\r\nContent-Disposition: form-data; name=\"clickid\"\r\n\r\n85512345\r\n" +
                            "--xyz\r\nContent-Disposition: form-data; name=\"network\"\r\n\r\nAffiliateWeb\r\n--xyz--\r\n";
        var request = HttpRequests.Create("POST", "/wp-json/trax/v1/reg", body, "multipart/form-data; boundary=xyz");
        request.ContentLength = null; // chunked: read within the limit all the same

        var answer = await app.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        Assert.That(app.Queue.Messages.Single().Network, Is.EqualTo("AffiliateWeb"));
        Assert.That(app.Queue.Messages.Single().Body, Is.EqualTo("clickid=85512345&network=AffiliateWeb"));
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

    [Test]
    public async Task Ingest_Rejected_IsRecordedInThePostbackLog()
    {
        var answer = await app.GetAsync("/wp-json/trax/v1/reg?clickid=%5BCLICK_ID%5D&network=AffiliateWeb");

        Assert.That(answer.StatusCode, Is.EqualTo(400));
        var row = app.RejectedRows.Single();
        Assert.That(row.Reason, Is.EqualTo(answer.Field("reason")));
        Assert.That(row.ClickId, Is.EqualTo("[CLICK_ID]"));
        Assert.That(row.Network, Is.EqualTo("AffiliateWeb"));
    }

    [Test]
    public async Task Ingest_Accepted_WritesNothingToThePostbackLog()
    {
        // The processor records accepted postbacks with their final outcome; the HTTP path adds no round trip.
        var answer = await app.GetAsync("/wp-json/trax/v1/ftd?clickid=85512345");

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        app.PostbackLog.Mock.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Ingest_RejectedAndLogUnreachable_StillAnswers400()
    {
        app.PostbackLog.Mock.Setup(t => t.AddEntityAsync(It.IsAny<Azure.Data.Tables.ITableEntity>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException("Connection refused"));

        var answer = await app.GetAsync("/wp-json/trax/v1/ftd?clickid=");

        Assert.That(answer.StatusCode, Is.EqualTo(400));
        Assert.That(answer.Field("reason"), Is.EqualTo("missing-clickid"));
    }

    [Test]
    public async Task Ingest_RejectedAndLogNeverAnswers_Answers400OnceTheLogWriteTimesOut()
    {
        // The table never answers: only the ingest's own time limit ends the write, and the answer is still 400.
        app.PostbackLog.Mock.Setup(t => t.AddEntityAsync(It.IsAny<Azure.Data.Tables.ITableEntity>(), It.IsAny<CancellationToken>()))
            .Returns(async (Azure.Data.Tables.ITableEntity _, CancellationToken ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return Mock.Of<Response>();
            });

        var answer = await app.GetAsync("/wp-json/trax/v1/sale?clickid=85512345&payout=abc");

        Assert.That(answer.StatusCode, Is.EqualTo(400));
        Assert.That(answer.Field("reason"), Is.EqualTo("invalid-payout"));
        Assert.That(answer.Field("status"), Is.EqualTo("rejected"));
    }

    [Test]
    public async Task Ingest_LogLines_HoldNoTokenAndNoAddress()
    {
        // What reaches Application Insights: structured lines without the caller's address or a network's secret.
        using var logged = UnitApp.Create(
            new Dictionary<string, string?> { ["Trax:Security:Networks:AffiliateWeb:Token"] = "s3cret-token-value" },
            services => services.AddFakeLogging());
        await logged.GetAsync("/wp-json/trax/v1/ftd?clickid=85512345&network=AffiliateWeb&token=s3cret-token-value");
        await logged.GetAsync("/wp-json/trax/v1/ftd?clickid=85512345&network=AffiliateWeb&token=wrong-token");

        var records = logged.Services.GetRequiredService<FakeLogCollector>().GetSnapshot();
        var text = string.Join('\n', records.Select(r => r.Message + " " + string.Join(",", r.StructuredState?.Select(p => p.Value) ?? [])));
        Assert.That(records.Select(r => r.Id.Id), Does.Contain(1000).And.Contain(1001), "the accepted and the rejected line");
        Assert.That(text, Does.Not.Contain("s3cret-token-value").And.Not.Contain("wrong-token").And.Not.Contain("203.0.113.7"));
    }

    private Task<Answer> Send(string pathAndQuery) => app.GetAsync(pathAndQuery);

    internal static Microsoft.AspNetCore.Http.HttpRequest Request(ContractCase contract) =>
        contract.FormBody is null
            ? HttpRequests.Create(contract.Method, contract.PathAndQuery)
            : HttpRequests.Create(contract.Method, contract.PathAndQuery, contract.FormBody, "application/x-www-form-urlencoded");
}
