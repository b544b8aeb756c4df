using Azure;
using Trax.Conversions;
using Trax.PostbackLog;
using Trax.Postbacks;
using Trax.Storage;
using Trax.Tests.Support;

namespace Trax.Tests.PostbackLog;

/// <summary>What the log keeps of rejected requests, and the outcome names it records.</summary>
public sealed class PostbackLogWriterTests
{
    [TestCase(ConversionOutcome.Created, "created", true)]
    [TestCase(ConversionOutcome.CreatedOrphan, "orphan", false)]
    [TestCase(ConversionOutcome.CreatedOutsideWindow, "outside-window", false)]
    [TestCase(ConversionOutcome.Duplicate, "duplicate", false)]
    public void Outcomes_EveryProcessorOutcome_HasItsLogName(ConversionOutcome outcome, string name, bool counted)
    {
        Assert.That(PostbackOutcomes.Of(outcome), Is.EqualTo(name));
        Assert.That(PostbackOutcomes.IsCounted(name), Is.EqualTo(counted));
        Assert.That(PostbackOutcomes.All, Does.Contain(name));
    }

    [Test]
    public void Outcomes_AnOutcomeAddedLater_GetsItsKebabCaseNameAndIsNotCounted()
    {
        // ConversionOutcome.OutsideWindow (being added) is logged as "outside-window" before anyone maps it.
        Assert.That(PostbackOutcomes.KebabCase("OutsideWindow"), Is.EqualTo(PostbackOutcomes.OutsideWindow));
        Assert.That(PostbackOutcomes.IsCounted(PostbackOutcomes.OutsideWindow), Is.False);
    }

    [Test]
    public async Task TryRecordRejected_MacroClickId_KeepsWhatWasSent()
    {
        var log = new RecordingLog();
        var request = HttpRequests.Get("/wp-json/trax/v1/ftd?clickid={clickid}&network=AffiliateWeb&program=SuperGame1");
        var read = await PostbackRequestReader.ReadAsync(request, CancellationToken.None);

        var written = await log.Writer().TryRecordRejectedAsync(ConversionType.Ftd, request, read, Rejection.UnreplacedMacro, CancellationToken.None);

        Assert.That(written, Is.True);
        var row = (PostbackLogEntity)log.Added.Single();
        Assert.That(row.Outcome, Is.EqualTo(PostbackOutcomes.Rejected));
        Assert.That(row.Reason, Is.EqualTo("unreplaced-macro"));
        Assert.That(row.HttpStatus, Is.EqualTo(400));
        Assert.That(row.Type, Is.EqualTo("ftd"));
        Assert.That(row.ClickId, Is.EqualTo("{clickid}"));
        Assert.That(row.Network, Is.EqualTo("AffiliateWeb"));
        Assert.That(row.Program, Is.EqualTo("SuperGame1"));
        Assert.That(row.Query, Is.EqualTo("clickid={clickid}&network=AffiliateWeb&program=SuperGame1"));
        Assert.That(row.Method, Is.EqualTo("GET"));
        Assert.That(row.ProcessedAt, Is.Null);
        Assert.That(row.PartitionKey, Is.EqualTo(Keys.LogPartition(row.ReceivedAt, row.PostbackId)));
        Assert.That(row.RowKey, Is.EqualTo(Keys.LogRow(row.ReceivedAt, row.PostbackId)));
    }

    [Test]
    public async Task TryRecordRejected_QueryTooLong_KeepsItsBoundedStart()
    {
        var log = new RecordingLog();
        var request = HttpRequests.Get("/wp-json/trax/v1/sale?network=Big&clickid=1&pad=" + new string('x', PostbackLimits.MaxQueryLength));
        var read = await PostbackRequestReader.ReadAsync(request, CancellationToken.None);

        await log.Writer().TryRecordRejectedAsync(ConversionType.Sale, request, read, read.Rejection!, CancellationToken.None);

        var row = (PostbackLogEntity)log.Added.Single();
        Assert.That(row.Reason, Is.EqualTo("query-too-long"));
        Assert.That(row.HttpStatus, Is.EqualTo(414));
        Assert.That(row.Query, Has.Length.EqualTo(PostbackLimits.MaxQueryLength));
        Assert.That(row.QueryTruncated, Is.True);
        Assert.That(row.ClickId, Is.EqualTo("1"), "read from the query even though it was not validated");
        Assert.That(row.Network, Is.EqualTo("Big"));
    }

    [Test]
    public async Task TryRecordRejected_QueryTooLongWithToken_KeepsTheSecretOut()
    {
        var log = new RecordingLog();
        var request = HttpRequests.Get("/wp-json/trax/v1/ftd?network=AffiliateWeb&token=s3cret-token&clickid=1&pad=" + new string('x', PostbackLimits.MaxQueryLength));
        var read = await PostbackRequestReader.ReadAsync(request, CancellationToken.None);

        await log.Writer().TryRecordRejectedAsync(ConversionType.Ftd, request, read, read.Rejection!, CancellationToken.None);

        var row = (PostbackLogEntity)log.Added.Single();
        Assert.That(row.Reason, Is.EqualTo("query-too-long"));
        Assert.That(row.Query, Does.StartWith("network=AffiliateWeb&token=redacted&clickid=1"));
        Assert.That(row.Query, Does.Not.Contain("s3cret"));
    }

    [Test]
    public async Task TryRecordRejected_ControlCharactersAndLongValues_AreBoundedAndReplaced()
    {
        var log = new RecordingLog();
        var request = HttpRequests.Get($"/wp-json/trax/v1/reg?network=a%00b&program={new string('p', 300)}");
        var read = await PostbackRequestReader.ReadAsync(request, CancellationToken.None);

        await log.Writer().TryRecordRejectedAsync(ConversionType.Reg, request, read, Rejection.MissingClickId, CancellationToken.None);

        var row = (PostbackLogEntity)log.Added.Single();
        Assert.That(row.ClickId, Is.Null);
        Assert.That(row.Network, Is.EqualTo("a\uFFFDb"));
        Assert.That(row.Program, Has.Length.EqualTo(PostbackLimits.MaxFieldLength));
    }

    [Test]
    public async Task TryRecordRejected_StorageFails_ReturnsFalseWithoutThrowing()
    {
        var log = new RecordingLog(new RequestFailedException("Connection refused"));
        var request = HttpRequests.Get("/wp-json/trax/v1/ftd");
        var read = await PostbackRequestReader.ReadAsync(request, CancellationToken.None);

        var written = await log.Writer().TryRecordRejectedAsync(ConversionType.Ftd, request, read, Rejection.MissingClickId, CancellationToken.None);

        Assert.That(written, Is.False);
    }
}
