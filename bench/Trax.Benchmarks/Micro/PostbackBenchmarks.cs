using System.Diagnostics.Metrics;
using Azure.Data.Tables;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Trax.Core;
using Trax.Http;
using Trax.Monitoring;
using Trax.PostbackLog;
using Trax.Postbacks;
using Trax.Telemetry;
using Trax.Testing;

namespace Trax.Benchmarks.Micro;

/// <summary>
/// One postback from request to queue message, with the queue stubbed. "host" is what the Functions host does
/// before Trax runs (a new HttpContext per request); the "HTTP" rows include it, so Trax's own share is the
/// difference. The "pure" rows start from the query string or from parsed parameters.
/// </summary>
[MemoryDiagnoser]
public class PostbackBenchmarks
{
    private PostbackSample sample = null!;
    private PostbackParameters parsed;
    private PostbackQueue queue = null!;
    private PostbackRequestReader reader = null!;
    private PostbackMessage message = null!;
    private PostbackFtd ftd = null!;
    private PostbackSale sale = null!;

    [Params(PostbackSample.Seed, PostbackSample.WorstCase)]
    public string Case { get; set; } = PostbackSample.Seed;

    [GlobalSetup]
    public void Setup()
    {
        sample = PostbackSample.Get(Case);
        sample.Validated();
        parsed = PostbackParameters.FromQueryString(sample.Query);
        queue = new PostbackQueue(new RecordingQueueClient(keep: false), new RecordingQueueClient("postbacks-poison", keep: false));
        reader = new PostbackRequestReader(new ClientAddress(Options.Create(new TraxOptions())), TimeProvider.System);
        message = PostbackMessage.Create(sample.Validated(), sample.Source, Guid.CreateVersion7().ToString("N"), DateTimeOffset.UtcNow);

        // The postback log is only written for refused callbacks; these are accepted, so its table is never called.
        var unusedTable = new TableClient(new Uri("http://127.0.0.1:9/devstoreaccount1/Unused"));
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        var ingest = new PostbackIngest(reader, queue, new NetworkGuard(Options.Create(new PostbackSecurityOptions())),
            new StatusMap(Options.Create(new NetworkOptions())), new PostbackLogStore(unusedTable), new TraxMetrics(meters), NullLogger<PostbackIngest>.Instance);
        ftd = new PostbackFtd(ingest);
        sale = new PostbackSale(ingest);
    }

    [Benchmark(Description = "host: new HttpRequest (not Trax)")]
    public HttpRequest HostRequest() => sample.NewRequest();

    [Benchmark(Description = "HTTP: whole function, answer written (queue stubbed)")]
    public async Task<int> HttpFunction()
    {
        var request = sample.NewRequest();
        var result = await (sample.Type == ConversionType.Ftd ? ftd.RunAsync(request, default) : sale.RunAsync(request, default));
        await result.ExecuteResultAsync(new ActionContext(request.HttpContext, new RouteData(), new ActionDescriptor()));
        return request.HttpContext.Response.StatusCode;
    }

    [Benchmark(Description = "HTTP: read + validate + serialize")]
    public async Task<Postback> HttpReadValidateSerialize()
    {
        var read = await reader.ReadAsync(sample.NewRequest(), default);
        return await ValidateAndSendAsync(read.Parameters, read.Source);
    }

    [Benchmark(Description = "pure: parse + validate + serialize")]
    public Task<Postback> ParseValidateSerialize() =>
        ValidateAndSendAsync(PostbackParameters.FromQueryString(sample.Query), sample.Source);

    [Benchmark(Description = "pure: validate + serialize")]
    public Task<Postback> ValidateSerialize() => ValidateAndSendAsync(parsed, sample.Source);

    private async Task<Postback> ValidateAndSendAsync(PostbackParameters parameters, PostbackSource source)
    {
        var postback = PostbackValidator.Validate(sample.Type, parameters).Postback!;
        var message = PostbackMessage.Create(postback, source, Guid.CreateVersion7().ToString("N"), TimeProvider.System.GetUtcNow());
        await queue.TrySendAsync(message, default);
        return postback;
    }

    /// <summary>The queue message's bytes (a pooled buffer measured no faster: docs/performance.md).</summary>
    [Benchmark(Description = "serialize: queue message bytes")]
    public int Serialize() => PostbackMessageJson.Serialize(message).Length;
}
