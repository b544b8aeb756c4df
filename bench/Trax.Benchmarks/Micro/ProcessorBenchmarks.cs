using System.Text;
using BenchmarkDotNet.Attributes;
using Trax.Clicks;
using Trax.Conversions;
using Trax.Core;

namespace Trax.Benchmarks.Micro;

/// <summary>The processor's own CPU per message: read the queued JSON, map it and its click to the conversion row.</summary>
[MemoryDiagnoser]
public class ProcessorBenchmarks
{
    private static readonly StatusMap Statuses = new(Microsoft.Extensions.Options.Options.Create(new NetworkOptions()));

    private PostbackMessage message = null!;
    private string json = null!;
    private Click click = null!;
    private DateTimeOffset now;

    [Params(PostbackSample.Seed, PostbackSample.WorstCase)]
    public string Case { get; set; } = PostbackSample.Seed;

    [GlobalSetup]
    public void Setup()
    {
        var sample = PostbackSample.Get(Case);
        now = DateTimeOffset.UtcNow;
        message = PostbackMessage.Create(sample.Validated(), sample.Source, Guid.CreateVersion7().ToString("N"), now);
        json = Encoding.UTF8.GetString(PostbackMessageJson.Serialize(message));
        click = new Click
        {
            ClickId = message.ClickId, ClickedAt = now.AddHours(-2),
            Attributes = new()
            {
                LinkId = "supergame1", Network = "AffiliateWeb", Campaign = "november",
                Source = "https://site.example/casinos", Sub1 = "header",
            },
        };
    }

    [Benchmark(Description = "processor: read queued message")]
    public PostbackMessage ReadMessage() => PostbackMessageJson.Deserialize(json);

    [Benchmark(Description = "processor: map to attributed conversion")]
    public object MapAttributed() => ConversionEntity.From(Conversion.From(message, click, now, PostbackState.Of(message, Statuses)));

    [Benchmark(Description = "processor: map to orphan conversion")]
    public object MapOrphan() => ConversionEntity.From(Conversion.From(message, null, now, PostbackState.Of(message, Statuses)));
}
