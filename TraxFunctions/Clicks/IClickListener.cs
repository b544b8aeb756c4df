namespace Trax.Clicks;

/// <summary>
/// Told when a click is registered, so that what waited for it (orphan conversions) can be joined to it. The
/// Clicks feature knows nothing of conversions; the Conversions feature implements this.
/// </summary>
public interface IClickListener
{
    /// <summary>How many conversions the click was joined to.</summary>
    Task<int> ClickRegisteredAsync(Click click, CancellationToken cancellationToken);
}
