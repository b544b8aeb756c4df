using Trax.Conversions;
using Trax.Core;

namespace Trax.Tests.Conversions;

public sealed class HistoryEntityTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Row_OfAnUpdate_ReadsBackAsTheSameEntryWithWhoSetEachRegister()
    {
        var entry = Update();

        var row = HistoryEntity.From("c/1", entry);

        Assert.That(row.ToEntry(), Is.EqualTo(entry), "the state is made from history rows: what each said must survive");
        Assert.That(row.ToEntry().To.Version, Is.EqualTo(3), "a redelivery merges To into the day index by its version");
        Assert.That(row.PartitionKey, Is.EqualTo("c%2F1"));
    }

    [Test]
    public void Row_OfAnUpdate_WritesEachStateInItsOwnColumnsAsEarlierVersionsDid()
    {
        var row = HistoryEntity.From("c/1", Update());

        Assert.That((row.FromStatus, row.FromStatusRaw, row.FromStatusBy, row.FromPayout, row.FromCurrency, row.FromMoneyBy, row.FromCurrencyBy, row.FromVersion),
            Is.EqualTo(("approved", "paid", "p2", "25.50", "EUR", "p1", "p1", (long?)2)), "a currency setter from before its register: the amount's");
        Assert.That((row.ToStatus, row.ToStatusRaw, row.ToStatusBy, row.ToPayout, row.ToCurrency, row.ToMoneyBy, row.ToCurrencyBy, row.ToVersion),
            Is.EqualTo(("rejected", "chargeback", "p3", "25.50", "EUR", "p1", "p0", (long?)3)));
    }

    [Test]
    public void Row_OfTheCreator_WritesNoStateBeforeAndReadsBackWithout()
    {
        var entry = Update() with { Outcome = "created", From = null };

        var row = HistoryEntity.From("c/1", entry);

        Assert.That(new[] { row.FromStatus, row.FromStatusRaw, row.FromStatusBy, row.FromPayout, row.FromCurrency, row.FromMoneyBy, row.FromCurrencyBy },
            Is.All.Null);
        Assert.That(row.FromVersion, Is.Null);
        Assert.That(row.ToEntry(), Is.EqualTo(entry));
    }

    private static HistoryEntry Update() => new()
    {
        ConversionKey = "sale:T-1", PostbackId = "p3", ReceivedAt = ReceivedAt,
        ProcessedAt = new DateTimeOffset(2026, 11, 25, 12, 0, 1, TimeSpan.Zero), Outcome = "updated",
        Said = new PostbackState("p3", ConversionStatus.Rejected, "chargeback", null, null)
        {
            ReceivedAt = ReceivedAt, Uploaded = true, UploadFile = "9f86d081884c7d65", UploadLine = 7,
        },
        From = new ConversionState(ConversionStatus.Approved, "paid", "p2", 25.50m, "EUR", "p1") { Version = 2 },
        To = new ConversionState(ConversionStatus.Rejected, "chargeback", "p3", 25.50m, "EUR", "p1", "p0") { Version = 3 },
        Network = "AffiliateWeb", Method = "UPLOAD",
    };
}
