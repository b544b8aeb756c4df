using Moq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Trax.Core;
using Trax.Input;

namespace Trax.Tests.Postbacks;

/// <summary>
/// The size limits: a query, a body, a queue message or a table property too long is refused before anything is queued;
/// a txid at its limit is not.
/// </summary>
public sealed partial class PostbackIngestTests
{
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
}
