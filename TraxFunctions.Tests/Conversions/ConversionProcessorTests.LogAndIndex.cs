using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Trax.Clicks;
using Trax.Conversions;
using Trax.Core;
using Trax.PostbackLog;

namespace Trax.Tests.Conversions;

/// <summary>
/// The log and day-index rows each outcome writes, in one transaction: a new conversion, an orphan, a duplicate of
/// another postback's conversion, and a redelivery.
/// </summary>
public sealed partial class ConversionProcessorTests
{
    [Test]
    public async Task Process_Orphan_LogsATentativeOrphanRowWithItsUnattributedIndexRowInOneTransaction()
    {
        ClickIs(null);

        await Processor().ProcessAsync(Message() with { Payout = 40.00m, Currency = "EUR" }, CancellationToken.None);

        var actions = log.Transactions.Single();
        Assert.That(actions.Select(a => a.ActionType), Is.EqualTo(new[] { TableTransactionActionType.Add, TableTransactionActionType.Add, TableTransactionActionType.UpsertMerge, TableTransactionActionType.UpdateMerge }),
            "an orphan row is inserted if absent, never replacing a created one; its index row too (a registration may have merged it); then its hour's rollup marker and its day's, which must exist (a merge, not an upsert: a sealed day fails the transaction)");
        Assert.That(actions[3].Entity.RowKey, Is.EqualTo(HourMarkers.DayRow));
        Assert.That(((PostbackLogEntity)actions[0].Entity).Outcome, Is.EqualTo(PostbackOutcomes.Orphan));
        var index = (DayIndexEntity)actions[1].Entity;
        Assert.That((index.Attribution, index.Network, index.Campaign, index.Payout, index.Currency), Is.EqualTo(("unattributed", "AffiliateWeb", (string?)null, "40.00", "EUR")),
            "counted from the moment it is stored, on the network's word");
        Assert.That(log.Upserted, Is.Empty);
    }

    [Test]
    public async Task Process_NewConversion_WritesLogAndIndexRowsInOneTransaction()
    {
        ClickIs(new Click { ClickId = "85512345", ClickedAt = ClickedAt, Attributes = new() { Campaign = "winter" } });

        await Processor().ProcessAsync(Message() with { Payout = 25.50m, Currency = "EUR" }, CancellationToken.None);

        var actions = log.Transactions.Single();
        var logRow = (PostbackLogEntity)actions[0].Entity;
        var indexRow = (DayIndexEntity)actions[1].Entity;
        Assert.That(actions[0].ActionType, Is.EqualTo(TableTransactionActionType.UpsertReplace), "created is final: it may replace an orphan row");
        Assert.That(logRow.Outcome, Is.EqualTo(PostbackOutcomes.Created));
        Assert.That(logRow.PartitionKey, Is.EqualTo(PostbackLogKeys.LogPartition(ReceivedAt, "p-1")));
        Assert.That(logRow.RowKey, Is.EqualTo(PostbackLogKeys.LogRow(ReceivedAt, "p-1")));
        Assert.That(logRow.ConversionKey, Is.EqualTo("ftd"));
        Assert.That(indexRow.PartitionKey, Is.EqualTo(logRow.PartitionKey), "one partition, so one transaction");
        Assert.That(indexRow.RowKey, Is.EqualTo(PostbackLogKeys.DayIndexRow("p-1")));
        Assert.That(indexRow.Day, Is.EqualTo("2026-11-25"));
        Assert.That(indexRow.Campaign, Is.EqualTo("winter"));
        Assert.That(indexRow.Payout, Is.EqualTo("25.50"));
        Assert.That(indexRow.Currency, Is.EqualTo("EUR"));
        Assert.That(indexRow.Network, Is.EqualTo("AffiliateWeb"));
    }

    [Test]
    public async Task Process_ConversionStoredByAnotherPostback_IsADuplicateOfItWithATentativeLogRow()
    {
        ClickIs(null);
        StoredConversionIs(postbackId: "p-0");

        var processed = await Processor().ProcessAsync(Message(), CancellationToken.None);

        Assert.That(processed.Outcome, Is.EqualTo(PostbackOutcomes.Duplicate));
        Assert.That(processed.Redelivered, Is.False);
        var row = (PostbackLogEntity)log.Added.Single();
        Assert.That(row.Outcome, Is.EqualTo(PostbackOutcomes.Duplicate));
        Assert.That(row.PostbackId, Is.EqualTo("p-1"));
        Assert.That(row.DuplicateOf, Is.EqualTo("p-0"));
        Assert.That(row.ConversionKey, Is.EqualTo("ftd"));
        Assert.That(log.Transactions, Is.Empty, "a duplicate writes no day-index row");
    }

    [Test]
    public async Task Process_ConversionStoredByThisPostbackBefore_IsARedeliveryThatWritesItsLogAndIndexRowsAgain()
    {
        // An earlier delivery stored the conversion and failed before its log write: the redelivery conflicts with
        // its own conversion and writes the log and index rows from what is stored.
        ClickIs(new Click { ClickId = "85512345", ClickedAt = ClickedAt });
        StoredConversionIs(postbackId: "p-1", campaign: "winter");

        var processed = await Processor().ProcessAsync(Message(), CancellationToken.None);

        Assert.That(processed.Outcome, Is.EqualTo(PostbackOutcomes.Created), "the outcome is the one that delivery decided");
        Assert.That(processed.Redelivered, Is.True);
        var actions = log.Transactions.Single();
        Assert.That(((PostbackLogEntity)actions[0].Entity).Outcome, Is.EqualTo(PostbackOutcomes.Created));
        Assert.That(((DayIndexEntity)actions[1].Entity).Campaign, Is.EqualTo("winter"), "built from the stored conversion");
        Assert.That(Meters.Total(created), Is.Zero, "counted when it was first stored, not again");
    }

    private void StoredConversionIs(string postbackId, string? campaign = null)
    {
        // The insert conflicts; the read that follows finds the conversion, and the creator's history row when this
        // postback created it.
        conversions.TransactionsConflict();
        var click = campaign is null ? null : new Click { ClickId = "85512345", ClickedAt = ClickedAt, Attributes = new() { Campaign = campaign } };
        var conversion = StoredConversions.Of(Message() with { Id = postbackId }, click, ReceivedAt.AddSeconds(1));
        var created = new HistoryEntry
        {
            ConversionKey = conversion.Key, PostbackId = postbackId, ReceivedAt = ReceivedAt, Outcome = PostbackOutcomes.Created,
            Said = StoredConversions.Said(Message() with { Id = postbackId }), To = conversion.State,
        };
        conversions.QueryReturns(
            [ConversionEntity.From(conversion), .. postbackId == Message().Id ? [HistoryEntity.From(conversion.ClickId, created)] : Array.Empty<ITableEntity>()]);
    }
}
