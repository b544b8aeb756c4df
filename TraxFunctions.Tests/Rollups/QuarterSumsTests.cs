using Trax.Rollups;
using Trax.Traffic;

namespace Trax.Tests.Rollups;

/// <summary>
/// The packed JSON of the hour rollups is stored in tables: the shared codec must read what the two codecs it replaced
/// wrote (texts in their exact format) and pack the same sums to the same text, byte for byte.
/// </summary>
public sealed class QuarterSumsTests
{
    private const string ConversionHour =
        """{"g":[["ftd","net",null,"c1","approved","attributed","EUR"],["sale",null,null,null,"pending","unattributed",null]],"s":[[0,0,2,"12.50"],[3,1,1,null],[3,0,4,"overflow"]]}""";

    private const string ClickHour =
        """{"g":[["l1","spring","mail","net","prog","a",null,null,null,"e","USD"],[null,null,null,null,null,null,null,null,null,null,null]],"s":[[2,0,3,"0.75"],[0,1,1,null]]}""";

    [Test]
    public void HourRollup_TextPackedBefore_ReadsItsSumsAndPacksTheSameText()
    {
        var rollup = HourRollup.Decode(ConversionHour);

        var ftd = new RollupGroup("ftd", "net", null, "c1", "approved", "attributed", "EUR");
        Assert.That(rollup.Entries, Is.EqualTo(new[]
        {
            (0, ftd, new RollupSum(2, 12.50m, false)),
            (3, new RollupGroup("sale", null, null, null, "pending", "unattributed", null), new RollupSum(1, null, false)),
            (3, ftd, new RollupSum(4, null, true)),
        }));
        Assert.That(rollup.Encode(), Is.EqualTo(ConversionHour));
    }

    [Test]
    public void ClickHourRollup_TextPackedBefore_ReadsItsSumsAndPacksTheSameText()
    {
        var rollup = ClickHourRollup.Decode(ClickHour);

        Assert.That(rollup.Entries, Is.EqualTo(new[]
        {
            (2, new TrafficGroup("l1", "spring", "mail", "net", "prog", "a", null, null, null, "e", "USD"), new ClickSum(3, 0.75m)),
            (0, default(TrafficGroup), new ClickSum(1, null)),
        }));
        Assert.That(rollup.Encode(), Is.EqualTo(ClickHour));
    }

    [Test]
    public void Add_SameQuarterAndGroup_SumsExactlyInOneEntry()
    {
        var rollup = new HourRollup();
        var group = new RollupGroup("sale", null, null, null, "approved", "attributed", "EUR");

        rollup.Add(1, group, new RollupSum(1, 0.10m, false));
        rollup.Add(1, group, new RollupSum(1, 0.20m, false));

        Assert.That(rollup.Entries, Is.EqualTo(new[] { (1, group, new RollupSum(2, 0.30m, false)) }));
        Assert.That(rollup.Encode(), Is.EqualTo("""{"g":[["sale",null,null,null,"approved","attributed","EUR"]],"s":[[1,0,2,"0.30"]]}"""));
    }
}
