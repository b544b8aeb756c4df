using Trax.Clicks;
using Trax.Core;
using Trax.PostbackLog;
using Trax.Rollups;

namespace Trax.Traffic;

/// <summary>
/// The conversions of a UTC interval with their clicks, for a traffic report grouped by a dimension the conversion
/// rollups do not hold (link, source, sub1-sub5): the day index's rows, read live (8 queries a UTC day), and one
/// point read per distinct attributed click. Its cost grows with the conversions, unlike the rolled dimensions'.
/// </summary>
public sealed class ConversionClicks(RollupStore index, ClickStore clicks)
{
    private const int Concurrency = 16;

    public async Task<List<ConversionOfClick>> ReadAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var rows = new List<DayIndexEntry>();
        var first = PostbackLogKeys.LogDay(start);
        var last = PostbackLogKeys.LogDay(end.AddTicks(-1));
        await Parallel.ForEachAsync(PostbackLogKeys.LogPartitions(first, last), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (partition, ct) =>
        {
            var part = await index.ReadIndexAsync(partition, start, end, ct);
            lock (rows)
            {
                rows.AddRange(part);
            }
        });

        var found = new System.Collections.Concurrent.ConcurrentDictionary<string, Click?>(StringComparer.Ordinal);
        var ids = rows.Where(r => r.Attribution != Attributions.Unattributed).Select(r => r.ClickId).Distinct(StringComparer.Ordinal);
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (id, ct) =>
            found[id] = await clicks.FindAsync(id, ct));
        return [.. rows.Select(r => new ConversionOfClick(r.ReceivedAt, r.Type, r.Status, r.Payout, r.Currency, r.Network, r.Program, r.Campaign,
            found.GetValueOrDefault(r.ClickId)))];
    }
}
