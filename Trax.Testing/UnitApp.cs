using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Trax.Clicks;
using Trax.Conversions;
using Trax.Core;
using Trax.Extensions;
using Trax.Forwards;
using Trax.Links;
using Trax.PostbackLog;
using Trax.Postbacks;
using Trax.Telemetry;

namespace Trax.Testing;

/// <summary>
/// Trax as the worker builds it, with its edges mocked for unit tests: the queue records what is sent, each table is
/// a <see cref="MockTable"/>. Functions are invoked through the same <see cref="FunctionHost"/> (and so the same
/// middleware) as on Azurite.
/// </summary>
public sealed class UnitApp : IDisposable
{
    private readonly ServiceProvider services;

    private UnitApp(ServiceProvider services)
    {
        this.services = services;
        Host = new FunctionHost(services, FunctionsMetadata.Shared);
    }

    public RecordingQueueClient Queue { get; } = new("postbacks");

    public RecordingQueueClient PoisonQueue { get; } = new("postbacks-poison");

    public MockTable Clicks { get; } = new();

    public MockTable Conversions { get; } = new();

    public MockTable PostbackLog { get; } = new();

    public MockTable Links { get; } = new();

    /// <summary>The Forwards table: empty unless a test says otherwise, so conversions are forwarded nowhere.</summary>
    public MockTable Forwards { get; } = new();

    public MockTable ForwardJobs { get; } = new();

    public MockTable ForwardDeliveries { get; } = new();

    public MockTable Rates { get; } = new();

    public MockTable Reconciliations { get; } = new();
    public MockTable Traffic { get; } = new();

    public RecordingQueueClient ForwardQueue { get; } = new("forwards", keep: false);

    public RecordingQueueClient ForwardPoisonQueue { get; } = new("forwards-poison", keep: false);

    public FunctionHost Host { get; }

    public IServiceProvider Services => services;

    /// <param name="settings">Settings as app settings name them, e.g. <c>Trax:Security:Networks:AffiliateWeb:Token</c>.</param>
    /// <param name="configureServices">More replacements (a clock, an id generator).</param>
    public static UnitApp Create(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var collection = new ServiceCollection().AddLogging().AddTrax(configuration);
        UnitApp? app = null;
        collection.Replace(ServiceDescriptor.Singleton(_ => new PostbackQueue(app!.Queue, app.PoisonQueue)));
        collection.Replace(ServiceDescriptor.Singleton(_ => new ClickStore(app!.Clicks.Object)));
        collection.Replace(ServiceDescriptor.Singleton(_ => new ConversionStore(app!.Conversions.Object)));
        collection.Replace(ServiceDescriptor.Singleton(_ => new PostbackLogStore(app!.PostbackLog.Object)));
        collection.Replace(ServiceDescriptor.Singleton(_ => new LinkStore(app!.Links.Object)));
        collection.Replace(ServiceDescriptor.Singleton(_ => new ForwardStore(app!.Forwards.Object)));
        collection.Replace(ServiceDescriptor.Singleton(_ => new ForwardJobStore(app!.ForwardJobs.Object)));
        collection.Replace(ServiceDescriptor.Singleton(_ => new ForwardDeliveryStore(app!.ForwardDeliveries.Object)));
        collection.Replace(ServiceDescriptor.Singleton(_ => new Trax.Rates.RateStore(app!.Rates.Object)));
        collection.Replace(ServiceDescriptor.Singleton(_ => new Trax.Reconciliation.ReconciliationStore(app!.Reconciliations.Object)));
        collection.Replace(ServiceDescriptor.Singleton(_ => new ClickDayStore(app!.Traffic.Object)));
        collection.Replace(ServiceDescriptor.Singleton(_ => new ForwardQueue(app!.ForwardQueue, app.ForwardPoisonQueue)));
        configureServices?.Invoke(collection);
        app = new UnitApp(collection.BuildServiceProvider());
        app.Forwards.TypedQueryReturns<ForwardEntity>();
        return app;
    }

    public T Get<T>() where T : notnull => services.GetRequiredService<T>();

    public Task<Answer> SendAsync(HttpRequest request) => Host.SendAsync(request);

    public Task<Answer> GetAsync(string pathAndQuery) => SendAsync(HttpRequests.Get(pathAndQuery));

    /// <summary>Listens to one of this app's Trax instruments.</summary>
    public MetricCollector<T> Collect<T>(string instrument) where T : struct =>
        new(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), TraxMetrics.MeterName, instrument);

    /// <summary>The rows written to the postback log for refused postbacks.</summary>
    public IEnumerable<PostbackLogEntry> RejectedRows =>
        PostbackLog.Added.OfType<PostbackLogEntity>().Select(e => e.ToEntry()).Where(e => e.Outcome == PostbackOutcomes.Rejected);

    public void Dispose() => services.Dispose();
}
