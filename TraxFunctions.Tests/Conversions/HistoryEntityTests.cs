using Trax.Conversions;
using Trax.Core;

namespace Trax.Tests.Conversions;

public sealed class HistoryEntityTests
{
    [Test]
    public void Row_OfAnUpdate_ReadsBackAsTheSameEntryWithWhoSetEachRegister()
    {
        var receivedAt = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        var entry = new HistoryEntry
        {
            ConversionKey = "sale:T-1", PostbackId = "p3", ReceivedAt = receivedAt,
            ProcessedAt = new DateTimeOffset(2026, 11, 25, 12, 0, 1, TimeSpan.Zero), Outcome = "updated",
            Said = new PostbackState("p3", ConversionStatus.Rejected, "chargeback", null, null)
            {
                ReceivedAt = receivedAt, Uploaded = true, UploadFile = "9f86d081884c7d65", UploadLine = 7,
            },
            From = new ConversionState(ConversionStatus.Approved, "paid", "p2", 25.50m, "EUR", "p1") { Version = 2 },
            To = new ConversionState(ConversionStatus.Rejected, "chargeback", "p3", 25.50m, "EUR", "p1", "p0") { Version = 3 },
            Network = "AffiliateWeb", Method = "UPLOAD",
        };

        var row = HistoryEntity.From("c/1", entry);

        Assert.That(row.ToEntry(), Is.EqualTo(entry), "the state is made from history rows: what each said must survive");
        Assert.That(row.ToEntry().To.Version, Is.EqualTo(3), "a redelivery merges To into the day index by its version");
        Assert.That(row.PartitionKey, Is.EqualTo("c%2F1"));
    }
}
