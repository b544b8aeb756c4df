using Trax.Core;

namespace Trax.Tests.Core;

/// <summary>How a status name read from a table becomes a status (a newer version may write one this one does not know).</summary>
public sealed class ConversionStatusNamesTests
{
    [TestCase("pending", ConversionStatus.Pending)]
    [TestCase("approved", ConversionStatus.Approved)]
    [TestCase("Rejected", ConversionStatus.Rejected)]
    [TestCase("refunded", ConversionStatus.Pending)]
    [TestCase("", ConversionStatus.Pending)]
    [TestCase(null, ConversionStatus.Pending)]
    public void ParseStored_UnknownNames_ReadAsPending(string? name, ConversionStatus expected) =>
        Assert.That(ConversionStatusNames.ParseStored(name), Is.EqualTo(expected));
}
