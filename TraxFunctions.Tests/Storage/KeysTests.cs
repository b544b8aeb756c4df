using Trax.Storage;

namespace Trax.Tests.Storage;

public sealed class KeysTests
{
    private static IEnumerable<char> PrintableAscii() => Enumerable.Range(0x20, 0x7F - 0x20).Select(i => (char)i);

    private static IEnumerable<char> ControlCharacters() =>
        Enumerable.Range(0x00, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(i => (char)i);

    [TestCaseSource(nameof(PrintableAscii))]
    public void Encode_EveryPrintableAsciiCharacter_RoundTripsToAValidKey(char c)
    {
        var value = $"a{c}b";

        var key = Keys.Encode(value);

        Assert.That(Keys.Decode(key), Is.EqualTo(value));
        Assert.That(key.IndexOfAny(['/', '\\', '#', '?']), Is.EqualTo(-1), key);
    }

    [Test]
    public void Encode_EveryControlCharacter_RoundTripsWithoutControlCharacters()
    {
        var value = new string(ControlCharacters().ToArray());

        var key = Keys.Encode(value);

        Assert.That(key.Any(char.IsControl), Is.False);
        Assert.That(Keys.Decode(key), Is.EqualTo(value));
    }

    [Test]
    public void Encode_AllPrintableAsciiAtOnce_RoundTrips()
    {
        var value = new string(PrintableAscii().ToArray());

        Assert.That(Keys.Decode(Keys.Encode(value)), Is.EqualTo(value));
    }

    [TestCase("ab/cd#ef", "ab%2Fcd%23ef")]
    [TestCase("100%", "100%25")]
    [TestCase("%2F", "%252F")]
    [TestCase("a\\b?c", "a%5Cb%3Fc")]
    [TestCase("tab\there", "tab%09here")]
    public void Encode_ForbiddenCharacters_AreEscaped(string value, string expected) =>
        Assert.That(Keys.Encode(value), Is.EqualTo(expected));

    [Test]
    public void Encode_OrdinaryClickId_ReturnsTheSameString()
    {
        var clickId = "85512345-Zr4qT9vXk2Mw";

        Assert.That(Keys.Encode(clickId), Is.SameAs(clickId));
    }

    [TestCase("%")]
    [TestCase("%2")]
    [TestCase("%GZ")]
    public void Decode_BrokenEscape_Throws(string key) =>
        Assert.Throws<FormatException>(() => Keys.Decode(key));

    [TestCase("ftd", null, "ftd")]
    [TestCase("sale", "", "sale")]
    [TestCase("sale", "T-1001", "sale:T-1001")]
    [TestCase("sale", "T/1#2", "sale:T%2F1%232")]
    public void ConversionRow_TypeAndTxId_MakeTheDedupeKey(string type, string? txId, string expected) =>
        Assert.That(Keys.ConversionRow(type, txId), Is.EqualTo(expected));
}
