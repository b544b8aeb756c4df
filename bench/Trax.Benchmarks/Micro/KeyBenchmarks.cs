using BenchmarkDotNet.Attributes;
using Trax.Storage;

namespace Trax.Benchmarks.Micro;

/// <summary>Table keys from network values: the common click id needs no escaping, a hostile one does.</summary>
[MemoryDiagnoser]
public class KeyBenchmarks
{
    private const string Plain = "85512345";

    // 128 characters with '/', '#', '?' and '%' spread through it: every one becomes %XX.
    private static readonly string Escaped = string.Concat(Enumerable.Repeat("ab/cd#ef?gh%ij-k", 8));

    [Benchmark(Description = "key: plain click id (seed)")]
    public string PlainClickId() => Keys.ClickPartition(Plain);

    [Benchmark(Description = "key: escaped 128-char click id")]
    public string EscapedClickId() => Keys.ClickPartition(Escaped);

    [Benchmark(Description = "key: sale row with txid")]
    public string SaleRow() => Keys.ConversionRow("sale", "T-1001/2026");
}
