using System.Buffers.Text;
using Trax.Clicks;
using Trax.Core;
using Trax.Input;
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

        var bad = new List<string>();
        for (var i = 0; i < 100_000; i++)
        {
            var id = generator.NewClickId();
            if (id.Length != ClickIdGenerator.Length || !id.All(Base64UrlAlphabet.Contains) || Base64Url.DecodeFromChars(id).Length != 16)
            {
                bad.Add(id);
            }
        }

        Assert.That(bad, Is.Empty);
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

        var repeats = 0;
        for (var i = 0; i < 1_000_000; i++)
        {
            if (!seen.Add(generator.NewClickId()))
            {
                repeats++;
            }
        }

        Assert.That(repeats, Is.Zero);
        Assert.That(seen, Has.Count.EqualTo(1_000_000));
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
            Assert.That(ClickId.IsValid(id), Is.True);
            Assert.That(NetworkMacro.IsPlaceholder(id), Is.False);
            Assert.That(Uri.EscapeDataString(id), Is.EqualTo(id), "needs no URL-encoding");
            Assert.That(Keys.ClickPartition(id), Is.EqualTo(id), "needs no key escaping");
        }
    }
}
