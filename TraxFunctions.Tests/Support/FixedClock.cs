namespace Trax.Tests.Support;

/// <summary>A clock that stands still until a test moves it: receipt times, log days and retention become exact.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
