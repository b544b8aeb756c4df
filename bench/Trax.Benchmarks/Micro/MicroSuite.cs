using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace Trax.Benchmarks.Micro;

/// <summary>Runs every micro-benchmark with one short job and returns one row per benchmark and case.</summary>
public static class MicroSuite
{
    /// <summary>
    /// In-process (no generated project to build per benchmark) and short (3 warm-ups, 10 × 250 ms measured):
    /// the whole suite takes about two minutes on 2 cores. Absolute times on a shared machine are rough; the
    /// allocation figures are exact.
    /// </summary>
    public static ManualConfig Config(bool quick) => ManualConfig.CreateEmpty()
        .AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(quick ? 1 : 3)
            .WithIterationCount(quick ? 3 : 10)
            .WithIterationTime(TimeInterval.FromMilliseconds(quick ? 100 : 250))
            .WithId(quick ? "quick" : "short"))
        .AddColumnProvider(DefaultColumnProviders.Instance)
        .AddLogger(ConsoleLogger.Default)
        .WithOptions(ConfigOptions.JoinSummary);

    /// <param name="quick">Fewer, shorter iterations.</param>
    /// <param name="filter">Only the benchmarks whose description contains this text.</param>
    public static IReadOnlyList<MicroResult> Run(bool quick, string? filter = null)
    {
        var config = Config(quick);
        if (filter is not null)
        {
            config.AddFilter(new BenchmarkDotNet.Filters.SimpleFilter(b => b.Descriptor.WorkloadMethodDisplayInfo.Contains(filter, StringComparison.OrdinalIgnoreCase)));
        }

        var summaries = BenchmarkRunner.Run([typeof(PostbackBenchmarks), typeof(KeyBenchmarks), typeof(ProcessorBenchmarks)], config);
        return summaries.SelectMany(Rows).ToList();
    }

    private static IEnumerable<MicroResult> Rows(Summary summary) =>
        summary.Reports.Select(report => new MicroResult(
            report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\''),
            report.BenchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Case")?.Value?.ToString() ?? "",
            report.ResultStatistics?.Mean,
            report.ResultStatistics?.StandardError,
            report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase)));
}

/// <summary>Nanoseconds per operation (mean and its standard error) and bytes allocated per operation.</summary>
public sealed record MicroResult(string Benchmark, string Case, double? MeanNs, double? StandardErrorNs, long? AllocatedBytes);
