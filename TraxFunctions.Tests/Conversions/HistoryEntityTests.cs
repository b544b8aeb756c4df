using Trax.Conversions;
using Trax.Postbacks;

namespace Trax.Tests.Conversions;

public sealed class HistoryEntityTests
{
    [Test]
    public void Row_OfAnUpdate_ReadsBackAsTheSameEntryWithWhoSetEachRegister()
    {
        var entry = new HistoryEntry
        {
            ConversionKey = "sale:T-1", PostbackId = "p3", ReceivedAt = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero),
            ProcessedAt = new DateTimeOffset(2026, 11, 25, 12, 0, 1, TimeSpan.Zero), Outcome = "updated",
            Said = new PostbackState("p3", ConversionStatus.Rejected, "chargeback", null, null),
            From = new ConversionState(ConversionStatus.Approved, "paid", "p2", 25.50m, "EUR", "p1"),
            To = new ConversionState(ConversionStatus.Rejected, "chargeback", "p3", 25.50m, "EUR", "p1"),
            Network = "AffiliateWeb", Method = "UPLOAD",
        };

        var row = HistoryEntity.From("c/1", entry);

        Assert.That(row.ToEntry(), Is.EqualTo(entry), "a redelivery merges To into the day index: its setters must survive");
        Assert.That(row.PartitionKey, Is.EqualTo("c%2F1"));
    }
}
