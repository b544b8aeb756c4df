using Trax.PostbackLog;

namespace Trax.Tests.Storage;

/// <summary>The PostbackLog key scheme: day and shard partitions, newest-first rows, hour ranges, index rows.</summary>
public sealed class PostbackLogKeysTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void LogPartition_ReceiptTimeAndId_IsShardThenUtcDay()
    {
        var partition = PostbackLogKeys.LogPartition(new DateTimeOffset(2026, 11, 26, 0, 30, 0, TimeSpan.FromHours(2)), "0195f0c2a1b27c3d9e8f00112233aabb");

        Assert.That(partition, Does.Match(@"^[0-7]-20261125$"), "00:30 at UTC+2 is still the 25th in UTC");
        Assert.That(partition, Does.StartWith($"{PostbackLogKeys.LogShard("0195f0c2a1b27c3d9e8f00112233aabb")}-"));
    }

    [TestCase("p-1", 5)]
    [TestCase("p-2", 4)]
    [TestCase("0195f0c2a1b27c3d9e8f00112233aabb", 2)]
    public void LogShard_KnownId_IsPinned(string id, int shard) =>
        // FNV-1a mod 8, computed independently. Stored rows depend on it: a change would hide existing rows.
        Assert.That(PostbackLogKeys.LogShard(id), Is.EqualTo(shard));

    [Test]
    public void LogShard_ManyPostbackIds_SpreadEvenlyOverTheShards()
    {
        var start = new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 80_000).Select(i => Guid.CreateVersion7(start.AddMilliseconds(i)).ToString("N"));

        var perShard = ids.GroupBy(PostbackLogKeys.LogShard).ToDictionary(g => g.Key, g => g.Count());

        Assert.That(perShard.Keys, Is.EquivalentTo(Enumerable.Range(0, PostbackLogKeys.LogShards)));
        Assert.That(perShard.Values, Is.All.InRange(9_000, 11_000), "10,000 each, give or take 10%");
    }

    [Test]
    public void LogRow_LaterPostback_SortsFirst()
    {
        var earlier = PostbackLogKeys.LogRow(Noon, "b");
        var later = PostbackLogKeys.LogRow(Noon.AddTicks(1), "a");

        Assert.That(string.CompareOrdinal(later, earlier), Is.LessThan(0));
        Assert.That(earlier, Does.Match(@"^\d{19}-b$"));
    }

    [Test]
    public void LogRow_EveryKind_SortsBelowLogRowsEndAndBelowIndexRows()
    {
        var first = PostbackLogKeys.LogRow(DateTimeOffset.MinValue.AddDays(1), "zzz");
        var index = PostbackLogKeys.DayIndexRow("0195f0c2a1b27c3d9e8f00112233aabb");

        Assert.That(string.CompareOrdinal(first, PostbackLogKeys.LogRowsEnd), Is.LessThan(0));
        Assert.That(string.CompareOrdinal(index, PostbackLogKeys.DayIndexRowPrefix), Is.GreaterThanOrEqualTo(0));
        Assert.That(string.CompareOrdinal(index, PostbackLogKeys.DayIndexRowsEnd), Is.LessThan(0));
        Assert.That(string.CompareOrdinal(PostbackLogKeys.LogRowsEnd, PostbackLogKeys.DayIndexRowPrefix), Is.LessThan(0));
    }

    [Test]
    public void LogRowRange_Hour_HoldsExactlyThatHoursRows()
    {
        var (from, to) = PostbackLogKeys.LogRowRange(Noon, Noon.AddHours(1));

        bool InRange(DateTimeOffset at)
        {
            var key = PostbackLogKeys.LogRow(at, "0195f0c2a1b27c3d9e8f00112233aabb");
            return string.CompareOrdinal(key, from) >= 0 && string.CompareOrdinal(key, to) < 0;
        }

        Assert.That(InRange(Noon), Is.True, "the hour's first tick");
        Assert.That(InRange(Noon.AddMinutes(30)), Is.True);
        Assert.That(InRange(Noon.AddHours(1).AddTicks(-1)), Is.True, "the hour's last tick");
        Assert.That(InRange(Noon.AddTicks(-1)), Is.False, "the tick before");
        Assert.That(InRange(Noon.AddHours(1)), Is.False, "the next hour");
    }

    [Test]
    public void LogRow_IdWithForbiddenCharacters_IsEncoded()
    {
        Assert.That(PostbackLogKeys.LogRow(Noon, "a/b#c"), Does.EndWith("-a%2Fb%23c"));
        Assert.That(PostbackLogKeys.DayIndexRow("a/b"), Is.EqualTo("c-a%2Fb"));
    }
}
