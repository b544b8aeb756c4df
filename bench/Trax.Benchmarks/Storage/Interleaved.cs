using System.Diagnostics;

namespace Trax.Benchmarks.Storage;

/// <summary>
/// Two ways of doing the same work, timed in alternating rounds (A B, B A, A B, ...) on the same storage, so that
/// drift and neighbours' load hit both alike. Only the ratio of the two is meaningful on a shared machine.
/// </summary>
internal static class Interleaved
{
    public static async Task<RatioResult> RunAsync(
        string name, int rounds, int perRound, int concurrency, Func<int, Task> trax, Func<int, Task> raw)
    {
        var traxTimes = new TimeSpan[rounds];
        var rawTimes = new TimeSpan[rounds];
        for (var round = 0; round < rounds; round++)
        {
            if (round % 2 == 0)
            {
                traxTimes[round] = await TimeAsync(() => trax(round));
                rawTimes[round] = await TimeAsync(() => raw(round));
            }
            else
            {
                rawTimes[round] = await TimeAsync(() => raw(round));
                traxTimes[round] = await TimeAsync(() => trax(round));
            }
        }

        return new RatioResult(name, rounds, perRound, concurrency, traxTimes, rawTimes);
    }

    /// <summary>Runs <paramref name="work"/> for every item, <paramref name="concurrency"/> at a time.</summary>
    public static Task ForEachAsync<T>(IReadOnlyList<T> items, int concurrency, Func<T, CancellationToken, ValueTask> work) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, work);

    private static async Task<TimeSpan> TimeAsync(Func<Task> work)
    {
        var watch = Stopwatch.StartNew();
        await work();
        return watch.Elapsed;
    }
}

/// <summary>
/// Throughput of Trax over the raw SDK calls. The headline is the median of the per-round ratios: each round pairs
/// with its neighbour in time, and the median ignores the rounds a neighbour's build happened to land on. The ratio
/// of the totals is reported beside it.
/// </summary>
internal sealed record RatioResult(string Name, int Rounds, int PerRound, int Concurrency, TimeSpan[] TraxTimes, TimeSpan[] RawTimes)
{
    public int Items => Rounds * PerRound;

    public TimeSpan TraxTotal => TimeSpan.FromTicks(TraxTimes.Sum(t => t.Ticks));

    public TimeSpan RawTotal => TimeSpan.FromTicks(RawTimes.Sum(t => t.Ticks));

    public double TraxPerSecond => Items / TraxTotal.TotalSeconds;

    public double RawPerSecond => Items / RawTotal.TotalSeconds;

    /// <summary>Per round: raw time / Trax time, i.e. Trax's throughput over raw's; sorted.</summary>
    public double[] RoundRatios => TraxTimes.Zip(RawTimes, (t, r) => r / t).Order().ToArray();

    public double Ratio => Quantile(0.5);

    public double TotalRatio => TraxPerSecond / RawPerSecond;

    public double LowerQuartile => Quantile(0.25);

    public double UpperQuartile => Quantile(0.75);

    /// <summary>A control run: the raw operations on both sides, so the ratio shows the noise floor.</summary>
    public bool Control { get; init; }

    /// <summary>Storage requests per item, counted on each side's clients.</summary>
    public double TraxRequestsPerItem { get; init; }

    public double RawRequestsPerItem { get; init; }

    private double Quantile(double q)
    {
        var sorted = RoundRatios;
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }
}
