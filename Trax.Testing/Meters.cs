using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Trax.Telemetry;

namespace Trax.Testing;

/// <summary>
/// A <see cref="TraxMetrics"/> on a meter factory of its own, read with <see cref="MetricCollector{T}"/>: a test's
/// measurements never mix with another's, even when tests run in parallel.
/// </summary>
public sealed class Meters : IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public Meters() => Metrics = new TraxMetrics(Factory);

    public IMeterFactory Factory => services.GetRequiredService<IMeterFactory>();

    public TraxMetrics Metrics { get; }

    public MetricCollector<T> Collect<T>(string instrument) where T : struct => new(Factory, TraxMetrics.MeterName, instrument);

    /// <summary>The sum of a counter's measurements so far.</summary>
    public static long Total(MetricCollector<long> collector) => collector.GetMeasurementSnapshot().Sum(m => m.Value);

    public void Dispose() => services.Dispose();
}
