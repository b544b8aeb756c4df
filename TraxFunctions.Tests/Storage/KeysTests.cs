using Trax.PostbackLog;
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

    [Test]
    public void Keys_TheLongestEachKindCanBe_FitAzuresLimit()
    {
        // Everything Trax accepts, at its worst: a 128-character click id of characters that all need escaping, a
        // txid as long as a form body can carry, ids as long as anything could send.
        var clickId = new string('%', Trax.Input.ClickId.MaxLength);
        var txId = new string('/', Trax.Core.PostbackLimits.MaxBodyBytes);
        var id = new string('#', 1000);
        var at = new DateTimeOffset(9999, 12, 30, 23, 59, 59, TimeSpan.Zero);

        string[] keys =
        [
            Keys.ClickPartition(clickId), Keys.ConversionRow("sale", txId), PostbackLogKeys.LogPartition(at, id), PostbackLogKeys.LogRow(at, id),
            PostbackLogKeys.DayIndexRow(id), Keys.LinkPartition(new string('a', Trax.Links.LinkId.MaxLength)),
        ];

        Assert.That(keys.Select(k => k.Length), Is.All.LessThanOrEqualTo(Keys.MaxLength), string.Join(Environment.NewLine, keys.Select(k => k.Length)));
        Assert.That(Keys.ClickPartition(clickId), Has.Length.EqualTo(384), "a valid click id is never bounded: 128 × 3");
    }

    [TestCase(Keys.MaxLength - 1, false)]
    [TestCase(Keys.MaxLength, true)]
    [TestCase(5000, true)]
    public void Bounded_KeyAtOrOverTheLimit_KeepsItsStartAndEndsInAHashOfTheWhole(int length, bool bounded)
    {
        var key = new string('k', length - 1) + "z";

        var result = Keys.Bounded(key);

        Assert.That(result, bounded ? Has.Length.EqualTo(Keys.MaxLength) : Is.SameAs(key));
        if (bounded)
        {
            Assert.That(result[..100], Is.EqualTo(key[..100]));
            Assert.That(result[^44], Is.EqualTo(Keys.HashMark));
        }
    }

    [Test]
    public void ConversionRow_DifferentTxIds_AreAlwaysDifferentKeys()
    {
        // Long txids that differ only in their last character, control characters, and one that looks like a
        // bounded key itself: never one key for two txids.
        var prefix = new string('x', 600);
        string[] txIds =
        [
            "A", "B", "\u0001", "\u0002", "T\n1", "T\n2", prefix + "1", prefix + "2", prefix, prefix + prefix,
            "%01", "%2F", "/", Keys.Bounded("sale:" + prefix + "1")[5..],
        ];

        var rows = txIds.Select(t => Keys.ConversionRow("sale", t)).ToList();

        Assert.That(rows, Is.Unique);
        Assert.That(rows.Select(r => r.Length), Is.All.LessThanOrEqualTo(Keys.MaxLength));
        Assert.That(rows, Does.Not.Contain("sale"), "no txid falls back to the bare type");
    }

    [Test]
    public void ConversionRow_ManyRandomTxIds_AreAllDifferentKeys()
    {
        var random = new Random(20261202);
        var txIds = Enumerable.Range(0, 5000)
            .Select(_ => new string(Enumerable.Range(0, random.Next(1, 900)).Select(_ => (char)random.Next(0, 0x250)).ToArray()))
            .Distinct()
            .ToList();

        var rows = txIds.Select(t => Keys.ConversionRow("sale", t)).ToList();

        Assert.That(rows.Distinct().Count(), Is.EqualTo(txIds.Count));
        Assert.That(rows.Select(r => r.Length), Is.All.LessThanOrEqualTo(Keys.MaxLength));
    }
}
