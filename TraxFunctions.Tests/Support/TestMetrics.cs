using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Trax.Monitoring;

namespace Trax.Tests.Support;

/// <summary>
/// A <see cref="TraxMetrics"/> on a meter factory of its own: a test's measurements never mix with another's,
/// even when tests run in parallel (a collector listens to this factory's meter only).
/// </summary>
public sealed class TestMetrics : IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public TestMetrics() => Metrics = new TraxMetrics(MeterFactory);

    public IMeterFactory MeterFactory => services.GetRequiredService<IMeterFactory>();

    public TraxMetrics Metrics { get; }

    /// <summary>A TraxMetrics for tests that do not read metrics.</summary>
    public static TraxMetrics Unobserved() => new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    public Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<T> Collect<T>(string instrument) where T : struct =>
        new(MeterFactory, TraxMetrics.MeterName, instrument);

    public void Dispose() => services.Dispose();
}
