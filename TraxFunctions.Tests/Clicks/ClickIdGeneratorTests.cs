using System.Buffers.Text;
using Trax.Clicks;
using Trax.Postbacks;
using Trax.Storage;

namespace Trax.Tests.Clicks;

public sealed class ClickIdGeneratorTests
{
    private const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    [Test]
    public void NewClickId_100000Draws_Are22UrlSafeCharactersThatDecodeTo128Bits()
    {
        var generator = new ClickIdGenerator();

        for (var i = 0; i < 100_000; i++)
        {
            var id = generator.NewClickId();

            Assert.That(id, Has.Length.EqualTo(ClickIdGenerator.Length));
            Assert.That(id.All(Base64UrlAlphabet.Contains), Is.True, id);
            Assert.That(Base64Url.DecodeFromChars(id), Has.Length.EqualTo(16), id);
        }
    }

    [Test]
    public void NewClickId_100000Draws_UseTheWholeAlphabetButNeverStartOrEndWithPunctuation()
    {
        var generator = new ClickIdGenerator();
        var inside = new HashSet<char>();
        var first = new HashSet<char>();
        var last = new HashSet<char>();

        for (var i = 0; i < 100_000; i++)
        {
            var id = generator.NewClickId();
            first.Add(id[0]);
            last.Add(id[^1]);
            inside.UnionWith(id[1..^1]);
        }

        // Random, not a fixed pattern: every character shows up inside an id, and every allowed first character.
        Assert.That(inside, Is.EquivalentTo(Base64UrlAlphabet));
        Assert.That(first, Is.EquivalentTo(Base64UrlAlphabet[..62]), "'-' and '_' never start an id");
        Assert.That(last, Is.EquivalentTo("AQgw"), "the last character carries the last 2 of the 128 bits");
    }

    [Test]
    public void NewClickId_OneMillionDraws_AreAllDifferent()
    {
        var generator = new ClickIdGenerator();
        var seen = new HashSet<string>(1_000_000, StringComparer.Ordinal);

        for (var i = 0; i < 1_000_000; i++)
        {
            Assert.That(seen.Add(generator.NewClickId()), Is.True, $"repeated after {i} draws");
        }
    }

    [Test]
    public void NewClickId_AsAPostbackClickId_IsAcceptedUnchanged()
    {
        var generator = new ClickIdGenerator();

        for (var i = 0; i < 10_000; i++)
        {
            var id = generator.NewClickId();

            var validation = PostbackValidator.Validate(ConversionType.Ftd, PostbackParameters.FromQueryString("clickid=" + id));

            Assert.That(validation.Rejection, Is.Null, id);
            Assert.That(validation.Postback!.ClickId, Is.EqualTo(id));
            Assert.That(PostbackValidator.IsValidClickId(id), Is.True);
            Assert.That(NetworkMacro.IsPlaceholder(id), Is.False);
            Assert.That(Uri.EscapeDataString(id), Is.EqualTo(id), "needs no URL-encoding");
            Assert.That(Keys.ClickPartition(id), Is.EqualTo(id), "needs no key escaping");
        }
    }
}
