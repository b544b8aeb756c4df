using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Trax.Extensions;
using Trax.Monitoring;
using Trax.Telemetry;
using Trax.Storage;

namespace Trax.Tests.Monitoring;

/// <summary>The monitoring functions as the host indexes them (functions.metadata) and as DI builds them.</summary>
public sealed class MonitoringWiringTests
{
    private static readonly FunctionsMetadata Metadata = FunctionsMetadata.Load();

    [Test]
    public void Metadata_Health_IsAnonymousGetOnApiHealth()
    {
        var trigger = Metadata.Trigger(nameof(Health));

        Assert.That((string?)trigger["authLevel"], Is.EqualTo("Anonymous"));
        Assert.That(trigger["methods"]!.AsArray().Select(m => (string?)m), Is.EqualTo(new[] { "get" }));
        Assert.That(Metadata.Route("GET", "/api/health"), Is.EqualTo(nameof(Health)), "routePrefix is empty, so the route says api/");
        Assert.That(Metadata.Route("POST", "/api/health"), Is.Null);
    }

    [Test]
    public void Metadata_ReportQueueDepth_RunsEveryMinute()
    {
        var trigger = Metadata.Trigger(nameof(ReportQueueDepth));

        Assert.That((string?)trigger["type"], Is.EqualTo("timerTrigger"));
        Assert.That((string?)trigger["schedule"], Is.EqualTo("0 * * * * *"));
    }

    [Test]
    public void DependencyInjection_MonitoringServices_AreSingletonsSharingTraxMetrics()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageConnection.Name] = "UseDevelopmentStorage=true",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddTrax(configuration).BuildServiceProvider();

        Assert.That(services.GetRequiredService<TraxMetrics>(), Is.SameAs(services.GetRequiredService<TraxMetrics>()));
        Assert.That(services.GetRequiredService<StorageHealth>(), Is.SameAs(services.GetRequiredService<StorageHealth>()));
        Assert.That(services.GetRequiredService<QueueDepthReporter>(), Is.Not.Null);
    }
}
