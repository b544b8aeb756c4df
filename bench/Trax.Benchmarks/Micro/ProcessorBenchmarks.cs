using System.Text;
using BenchmarkDotNet.Attributes;
using Trax.Clicks;
using Trax.Conversions;
using Trax.Postbacks;

namespace Trax.Benchmarks.Micro;

/// <summary>The processor's own CPU per message: read the queued JSON, map it and its click to the conversion row.</summary>
[MemoryDiagnoser]
public class ProcessorBenchmarks
{
    private PostbackMessage message = null!;
    private string json = null!;
    private ClickEntity click = null!;
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
        click = ClickEntity.Create(message.ClickId, now.AddHours(-2));
        click.LinkId = "supergame1";
        click.Network = "AffiliateWeb";
        click.Campaign = "november";
        click.Source = "https://site.example/casinos";
        click.Sub1 = "header";
    }

    [Benchmark(Description = "processor: read queued message")]
    public PostbackMessage ReadMessage() => PostbackMessageJson.Deserialize(json);

    [Benchmark(Description = "processor: map to attributed conversion")]
    public ConversionEntity MapAttributed() => ConversionEntity.From(message, click, now);

    [Benchmark(Description = "processor: map to orphan conversion")]
    public ConversionEntity MapOrphan() => ConversionEntity.From(message, null, now);
}
