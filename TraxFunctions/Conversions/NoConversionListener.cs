namespace Trax.Conversions;

/// <summary>For an app that forwards nothing (and unit tests of the processor): listens to nothing.</summary>
public sealed class NoConversionListener : IConversionListener
{
    public Task ConversionCountedAsync(Conversion conversion, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ConversionAttributedAsync(Conversion conversion, CancellationToken cancellationToken) => Task.CompletedTask;
}
