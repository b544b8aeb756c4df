using System.Diagnostics;

namespace Trax.Benchmarks.Storage;

/// <summary>
/// Two ways of doing the same work, timed in alternating rounds (A B, B A, A B, ...) on the same storage, so that
/// drift and neighbours' load hit both alike. Only the ratio of the two is meaningful on a shared machine.
/// </summary>
internal static class Interleaved
{
    public static async Task<RatioResult> RunAsync(
        string name, int rounds, int perRound, int concurrency, Func<int, Task> traxWork, Func<int, Task> rawWork)
    {
        var trax = new Measurement[rounds];
        var raw = new Measurement[rounds];
        for (var round = 0; round < rounds; round++)
        {
            if (round % 2 == 0)
            {
                trax[round] = await MeasureAsync(() => traxWork(round));
                raw[round] = await MeasureAsync(() => rawWork(round));
            }
            else
            {
                raw[round] = await MeasureAsync(() => rawWork(round));
                trax[round] = await MeasureAsync(() => traxWork(round));
            }

            if ((round + 1) % 10 == 0)
            {
                // Progress, so that a run that slows down shows where (the storage emulator grows with its tables).
                Console.Error.WriteLine($"// {name}: {round + 1}/{rounds} rounds, last: Trax {trax[round].Wall.TotalMilliseconds:F0} ms, raw {raw[round].Wall.TotalMilliseconds:F0} ms");
            }
        }

        return new RatioResult(name, rounds, perRound, concurrency, trax, raw);
    }

    /// <summary>Runs <paramref name="work"/> for every item, <paramref name="concurrency"/> at a time.</summary>
    public static Task ForEachAsync<T>(IReadOnlyList<T> items, int concurrency, Func<T, CancellationToken, ValueTask> work) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, work);

    /// <summary>Wall time, and CPU time of this whole process (not Azurite's): the client side's cost.</summary>
    private static async Task<Measurement> MeasureAsync(Func<Task> work)
    {
        var cpu = Environment.CpuUsage.TotalTime;
        var watch = Stopwatch.StartNew();
        await work();
        return new Measurement(watch.Elapsed, Environment.CpuUsage.TotalTime - cpu);
    }
}

internal readonly record struct Measurement(TimeSpan Wall, TimeSpan Cpu);

/// <summary>
/// Throughput of Trax over the raw SDK calls. The headline is the median of the per-round ratios: each round pairs
/// with its neighbour in time, and the median ignores the rounds a neighbour's build happened to land on. The ratio
/// of the totals is reported beside it.
/// </summary>
internal sealed record RatioResult(string Name, int Rounds, int PerRound, int Concurrency, Measurement[] Trax, Measurement[] Raw)
{
    public int Items => Rounds * PerRound;

    public TimeSpan TraxTotal => TimeSpan.FromTicks(Trax.Sum(t => t.Wall.Ticks));

    public TimeSpan RawTotal => TimeSpan.FromTicks(Raw.Sum(t => t.Wall.Ticks));

    /// <summary>Microseconds of this process's CPU per item: the function, the SDK, HTTP, GC, everything but storage.</summary>
    public double TraxCpuPerItemUs => Trax.Sum(t => t.Cpu.TotalMicroseconds) / Items;

    public double RawCpuPerItemUs => Raw.Sum(t => t.Cpu.TotalMicroseconds) / Items;

    public double TraxPerSecond => Items / TraxTotal.TotalSeconds;

    public double RawPerSecond => Items / RawTotal.TotalSeconds;

    /// <summary>Per round: raw time / Trax time, i.e. Trax's throughput over raw's; sorted.</summary>
    public double[] RoundRatios => Trax.Zip(Raw, (t, r) => r.Wall / t.Wall).Order().ToArray();

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
