using System.Globalization;
using System.Text;
using Trax.Benchmarks.Micro;
using Trax.Benchmarks.Storage;
using Trax.Conversions;

namespace Trax.Benchmarks.Report;

/// <summary>The one table the bench prints and writes to bench/results/latest.md.</summary>
internal sealed record ResultsReport(
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    Machine Machine,
    string Command,
    string? AzuriteVersion,
    IReadOnlyList<MicroResult> Micro,
    IReadOnlyList<RatioResult> Ratios,
    IReadOnlyList<RoundTrips> RoundTrips)
{
    public const double IngestTarget = 0.95;
    public const double ProcessorTarget = 0.90;
    public const double MicroTargetNs = 2_000;
    public const long MicroTargetBytes = 1_024;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine("# Trax benchmark results").AppendLine();
        md.AppendLine($"- run: {StartedAt:yyyy-MM-dd HH:mm} UTC, {Duration.TotalMinutes:0.0} min, `{Command}`");
        md.AppendLine($"- machine: {Machine.Cpu}, {Machine.Cores} cores, {Machine.Os}, {Machine.Runtime}; load average at start {Machine.LoadAverage} (shared machine: absolute times are rough, ratios are what counts)");
        if (AzuriteVersion is not null)
        {
            md.AppendLine($"- storage: Azurite {AzuriteVersion} on loopback, in memory, started by the bench");
        }

        md.AppendLine();
        if (Ratios.Count > 0)
        {
            md.AppendLine("## Ratios (same run, alternating rounds)").AppendLine();
            md.AppendLine("| comparison | rounds × items, concurrency | Trax /s | raw /s | ratio (median of rounds) | quartiles | ratio of totals | client CPU per item (Trax / raw) | storage requests per item (Trax / raw) | target |");
            md.AppendLine("| --- | --- | ---: | ---: | ---: | --- | ---: | --- | --- | --- |");
            foreach (var ratio in Ratios.OrderBy(r => r.Control))
            {
                var ingest = ratio.Name.StartsWith("ingest", StringComparison.Ordinal);
                var name = (ingest, ratio.Control) switch
                {
                    (true, false) => "ingest: ftd function → queue vs raw `SendMessageAsync`",
                    (false, false) => "processor: `ProcessPostback` vs raw point read + insert",
                    (true, true) => "control: raw `SendMessageAsync` vs itself",
                    (false, true) => "control: raw point read + insert vs itself",
                };
                Ratio(md, name, ratio, ratio.Control ? null : ingest ? IngestTarget : ProcessorTarget);
            }
            md.AppendLine();
            md.AppendLine("Ratio = Trax's throughput / raw SDK's, per round (raw time / Trax time); rounds alternate Trax-first and raw-first. " +
                "Client CPU is this process's CPU time per item (function, SDK, HTTP client, GC; not Azurite's). " +
                "Requests per item are counted by a pipeline policy on each side's clients.");
            md.AppendLine();
        }

        if (RoundTrips.Count > 0)
        {
            md.AppendLine("## Storage round trips per postback (counted on the app's own clients)").AppendLine();
            md.AppendLine("| case | requests | round trips | budget |");
            md.AppendLine("| --- | --- | ---: | --- |");
            foreach (var trace in RoundTrips)
            {
                var requests = string.Join("<br>", trace.Requests.Select(r => r.Count == 1 ? r.Request.ToString() : $"{r.Count} × {r.Request}"));
                var budget = trace.Budget is { } b ? $"≤ {b} {(trace.WithinBudget ? "✅" : "❌")}" : "—";
                md.AppendLine($"| {trace.Case} | {requests} | {trace.Total} | {budget} |");
            }

            md.AppendLine();
        }

        if (Micro.Count > 0)
        {
            md.AppendLine("## Micro-benchmarks (BenchmarkDotNet 0.15.8, in-process, short job, MemoryDiagnoser)").AppendLine();
            md.AppendLine("| benchmark | case | mean | ± s.e. | allocated | target < 2 µs, < 1 KiB |");
            md.AppendLine("| --- | --- | ---: | ---: | ---: | --- |");
            foreach (var row in Micro.OrderBy(r => Order(r.Benchmark)).ThenBy(r => r.Case == PostbackSample.WorstCase))
            {
                md.AppendLine($"| {row.Benchmark} | {row.Case} | {Time(row.MeanNs)} | {Time(row.StandardErrorNs)} | {Bytes(row.AllocatedBytes)} | {Target(row)} |");
            }

            md.AppendLine();
            md.AppendLine("\"host\" is the HttpContext the Functions host builds per request (not Trax's work); the \"HTTP\" rows include it. " +
                "The queue is stubbed in the micro-benchmarks; the SDK's and the service's share is in the ingest ratio.");
        }

        return md.ToString();
    }

    private static void Ratio(StringBuilder md, string name, RatioResult r, double? target)
    {
        var verdict = target is { } t ? string.Create(Invariant, $"≥ {t:0.00} {(r.Ratio >= t ? "✅" : "❌")}") : "noise floor";
        md.AppendLine(string.Create(Invariant,
            $"| {name} | {r.Rounds} × {r.PerRound}, {r.Concurrency} at a time | {r.TraxPerSecond:N0} | {r.RawPerSecond:N0} | **{r.Ratio:0.000}** | " +
            $"{r.LowerQuartile:0.00} – {r.UpperQuartile:0.00} | {r.TotalRatio:0.000} | {r.TraxCpuPerItemUs:N0} µs / {r.RawCpuPerItemUs:N0} µs | {r.TraxRequestsPerItem:0.00} / {r.RawRequestsPerItem:0.00} | {verdict} |"));
    }

    /// <summary>The targets apply to parse + validate + serialize of one postback; other rows are for information.</summary>
    private static string Target(MicroResult row)
    {
        if (!row.Benchmark.Contains("validate + serialize", StringComparison.Ordinal) || row.MeanNs is null || row.AllocatedBytes is null)
        {
            return "";
        }

        var time = row.MeanNs < MicroTargetNs ? "✅" : "❌";
        var bytes = row.AllocatedBytes < MicroTargetBytes ? "✅" : "❌";
        return $"time {time} memory {bytes}";
    }

    private static int Order(string benchmark) =>
        benchmark.StartsWith("host", StringComparison.Ordinal) ? 0
        : benchmark.StartsWith("HTTP", StringComparison.Ordinal) ? 1
        : benchmark.StartsWith("pure", StringComparison.Ordinal) ? 2
        : benchmark.StartsWith("processor", StringComparison.Ordinal) ? 3
        : 4;

    private static string Time(double? ns) => ns switch
    {
        null => "n/a",
        < 1_000 => string.Create(Invariant, $"{ns:0} ns"),
        _ => string.Create(Invariant, $"{ns / 1_000:0.00} µs"),
    };

    private static string Bytes(long? bytes) => bytes switch
    {
        null => "n/a",
        < 10_240 => string.Create(Invariant, $"{bytes:N0} B"), // exact where the 1 KiB target is judged
        _ => string.Create(Invariant, $"{bytes / 1024.0:0.0} KiB"),
    };
}
