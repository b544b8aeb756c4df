namespace Trax.Conversions;

/// <summary>
/// Told when a conversion starts to count or its status changes: stored (attributed, unattributed or outside its
/// window: every stored conversion counts), or updated to another status; and when a conversion counted unattributed
/// learns its click. The Conversions feature knows nothing of what listens (forwarding implements this); it calls the
/// listener after the decision is stored and again whenever the message or the registration is retried, with the same
/// state, so a listener must be idempotent and may fail the message (or the registration) to be called again.
/// </summary>
public interface IConversionListener
{
    /// <param name="conversion">The conversion, in the state that was decided (not necessarily the one stored now).</param>
    Task ConversionCountedAsync(Conversion conversion, CancellationToken cancellationToken);

    /// <summary>
    /// A conversion counted unattributed is attributed (or found outside its window) now, in its state now. This is no
    /// status change: a listener that heard of it while it was unattributed has heard each of its statuses already;
    /// one that did not (say, it takes attributed conversions only) hears of it now.
    /// </summary>
    Task ConversionAttributedAsync(Conversion conversion, CancellationToken cancellationToken);
}
