using Azure;
using Moq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Trax.Input;

namespace Trax.Tests.Postbacks;

/// <summary>
/// What a postback leaves behind: a refusal's row in the postback log, written without delaying its 400 when the log
/// fails or hangs, and log lines that hold no token or address.
/// </summary>
public sealed partial class PostbackIngestTests
{
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
}
