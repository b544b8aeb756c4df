using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Trax.Clicks;
using Trax.Conversions;
using Trax.Core;
using Trax.Storage;

namespace Trax.Tests.Conversions;

/// <summary>
/// A failing read or write, or a malformed message, throws so that the host retries the message and then poisons it.
/// </summary>
public sealed partial class ConversionProcessorTests
{
    [Test]
    public async Task Process_LogWriteFails_ThrowsSoTheMessageIsRetried()
    {
        ClickIs(new Click { ClickId = "85512345", ClickedAt = ClickedAt });
        log.Mock.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(MockTable.ServerBusy());

        await Assert.ThrowsAsync<RequestFailedException>(() => Processor().ProcessAsync(Message(), CancellationToken.None));
        Assert.That(conversions.AddedAnyWay.OfType<ConversionEntity>().Count(), Is.EqualTo(1), "the conversion is stored; the retry heals the log");
    }

    [Test]
    public async Task Process_ConversionInsertFails_Throws()
    {
        ClickIs(null);
        conversions.Mock.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(MockTable.ServerBusy());

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => Processor().ProcessAsync(Message(), CancellationToken.None));

        Assert.That(ex!.Status, Is.EqualTo(503));
        Assert.That(log.Added.Concat(log.Upserted), Is.Empty);
    }

    [Test]
    public async Task Process_ClickReadFails_ThrowsWithoutWriting()
    {
        clicks.Mock.Setup(t => t.GetEntityIfExistsAsync<ClickEntity>(It.IsAny<string>(), It.IsAny<string>(), null, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException("Connection refused"));

        await Assert.ThrowsAsync<RequestFailedException>(() => Processor().ProcessAsync(Message(), CancellationToken.None));
        Assert.That(conversions.AddedAnyWay, Is.Empty);
    }

    [Test]
    public async Task ProcessPostback_MalformedMessage_ThrowsSoTheHostRetriesThenPoisons()
    {
        await Assert.ThrowsAsync<InvalidPostbackMessageException>(() => app.Host.RunAsync(nameof(ProcessPostback), "{\"v\":9}"));
        Assert.That(conversions.AddedAnyWay, Is.Empty);
    }
}
