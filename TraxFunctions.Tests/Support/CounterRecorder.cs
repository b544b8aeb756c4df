using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Trax.Tests.Support;

/// <summary>
/// Listens to the counters of the meters one <see cref="IMeterFactory"/> created (so parallel tests with their
/// own service providers never see each other's measurements) and sums them per instrument.
/// </summary>
public sealed class CounterRecorder : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, long> totals = new();
    private readonly ConcurrentQueue<(string Instrument, KeyValuePair<string, object?>[] Tags)> measurements = new();

    public CounterRecorder(IMeterFactory factory)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value);
            measurements.Enqueue((instrument.Name, tags.ToArray()));
        });
        listener.Start();
    }

    public long this[string instrument] => totals.GetValueOrDefault(instrument);

    public IEnumerable<KeyValuePair<string, object?>[]> Tags(string instrument) =>
        measurements.Where(m => m.Instrument == instrument).Select(m => m.Tags);

    public void Dispose() => listener.Dispose();
}
