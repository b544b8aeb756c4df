namespace Trax.Conversions;

/// <summary>
/// Told when a conversion starts to count or its status changes: created attributed, attributed later
/// (re-attribution), or updated to another status. The Conversions feature knows nothing of what listens (forwarding
/// implements this); it calls the listener after the decision is stored and again whenever the message is
/// redelivered, with the same state, so a listener must be idempotent and may fail the message to be called again.
/// </summary>
public interface IConversionListener
{
    /// <param name="conversion">The conversion, in the state that was decided (not necessarily the one stored now).</param>
    Task ConversionCountedAsync(Conversion conversion, CancellationToken cancellationToken);
}

/// <summary>For an app that forwards nothing (and unit tests of the processor): listens to nothing.</summary>
public sealed class NoConversionListener : IConversionListener
{
    public Task ConversionCountedAsync(Conversion conversion, CancellationToken cancellationToken) => Task.CompletedTask;
}
