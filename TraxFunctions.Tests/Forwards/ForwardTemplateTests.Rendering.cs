using System.Text.Json;
using System.Web;
using Trax.Forwards;

namespace Trax.Tests.Forwards;

/// <summary>
/// Rendering a parsed template: each macro replaced, the literal text kept, and the limits of a rendering.
/// </summary>
public sealed partial class ForwardTemplateTests
{
    // ---- Rendering ----

    [Test]
    public void Render_ReplacesEachMacro_AndKeepsTheLiteralTextAround_IncludingOtherBraces()
    {
        var template = Parse("{{clickid}}-{type}{status}|{CLICKID}");

        var rendered = template.Render(Values(("clickid", "C1"), ("type", "sale"), ("status", "approved")), MacroEncoding.Url);

        Assert.That(rendered, Is.EqualTo("{C1}-saleapproved|C1"));
    }

    [Test]
    public void Render_JsonBody_ReplacesMacrosInsideItsOwnBraces()
    {
        var template = Parse("""{"click":"{clickid}","pay":{payout},"nested":{"s":"{sub1}"}}""");

        var rendered = template.Render(Values(("clickid", "C1"), ("payout", "12.5"), ("sub1", "g")), MacroEncoding.Json);

        Assert.That(rendered, Is.EqualTo("""{"click":"C1","pay":12.5,"nested":{"s":"g"}}"""));
    }

    [TestCase(MacroEncoding.Url)]
    [TestCase(MacroEncoding.Json)]
    public void Render_MissingNullOrEmptyValue_IsEmpty(MacroEncoding encoding)
    {
        var template = Parse("a={clickid}&b={sub1}&c={sub2}&d={txid}");

        var rendered = template.Render(Values(("sub1", null), ("sub2", ""), ("txid", "T")), encoding);

        Assert.That(rendered, Is.EqualTo("a=&b=&c=&d=T"));
    }

    [Test]
    public void Render_NoValuesAtAll_LeavesOnlyTheLiteralText()
    {
        var template = Parse("https://a.example/{network}/pb?c={clickid}&s={status}");

        Assert.That(template.Render(new Dictionary<string, string?>(), MacroEncoding.Url), Is.EqualTo("https://a.example//pb?c=&s="));
    }

    [Test]
    public void Render_ValuesTheTemplateDoesNotUse_AreIgnored()
    {
        var template = Parse("c={clickid}");

        Assert.That(template.Render(AllValues("V"), MacroEncoding.Url), Is.EqualTo("c=V"));
    }

    [Test]
    public void Render_AValueThatLooksLikeAMacro_IsNotExpandedAgain()
    {
        var template = Parse("a={sub1}&b={sub2}");
        var values = Values(("sub1", "{sub2}"), ("sub2", "X"));

        Assert.That(template.Render(values, MacroEncoding.Url), Is.EqualTo("a=%7Bsub2%7D&b=X"));
        Assert.That(template.Render(values, MacroEncoding.Json), Is.EqualTo("a={sub2}&b=X"));
    }

    [Test]
    public void Render_LiteralText_IsNeverEscaped()
    {
        // The template's own characters are the operator's: only macro values are escaped.
        var template = Parse("p=a%20b&q=\"x\"\\&r=é {clickid}");

        Assert.That(template.Render(Values(("clickid", "v")), MacroEncoding.Url), Is.EqualTo("p=a%20b&q=\"x\"\\&r=é v"));
        Assert.That(template.Render(Values(("clickid", "v")), MacroEncoding.Json), Is.EqualTo("p=a%20b&q=\"x\"\\&r=é v"));
    }

    [Test]
    public void Render_OneTemplate_RendersEachCallsValues()
    {
        var template = Parse("c={clickid}");

        Assert.That(template.Render(Values(("clickid", "one")), MacroEncoding.Url), Is.EqualTo("c=one"));
        Assert.That(template.Render(Values(("clickid", "two")), MacroEncoding.Url), Is.EqualTo("c=two"));
        Assert.That(template.Render(Values(), MacroEncoding.Url), Is.EqualTo("c="));
    }

    [Test]
    public void Render_LongValues_AreNotTruncated()
    {
        var value = new string('x', 10_000);
        var template = Parse("{sub1}{sub2}{sub3}");

        var rendered = template.Render(Values(("sub1", value), ("sub2", value), ("sub3", value)), MacroEncoding.Url);

        Assert.That(rendered, Has.Length.EqualTo(30_000));
    }

    [Test]
    public void Render_NullValues_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Parse("{clickid}").Render(null!, MacroEncoding.Url));
    }

    [Test]
    public void Render_AnEncodingThatDoesNotExist_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Parse("{clickid}").Render(Values(("clickid", "v")), (MacroEncoding)99));
    }

    [Test]
    public void TryRender_PastTheLimit_StopsAndGivesNoText()
    {
        var template = Parse(string.Concat(Enumerable.Repeat("{txid}", 1_365)));

        Assert.That(template.TryRender(Values(("txid", new string('<', 16_000))), MacroEncoding.Json, 65_536, out var text), Is.False);
        Assert.That(text, Is.Null);
        Assert.That(template.TryRender(Values(("txid", "T-1")), MacroEncoding.Json, 65_536, out var small), Is.True);
        Assert.That(small, Has.Length.EqualTo(3 * 1_365));
    }

    [TestCase("https://a.example/?t={txid}", MacroEncoding.Url, 21 + 1_024 * 9)]
    [TestCase("{txid}{TXID}", MacroEncoding.Json, 2 * 1_024 * 6)]
    [TestCase("c={clickid}&s={sub1}", MacroEncoding.Url, 5 + 128 * 9 + 200 * 9)]
    [TestCase("no macros", MacroEncoding.Json, 9)]
    public void LongestRendering_IsTheLiteralsPlusEachMacrosLongestValueInItsLongestEncoding(string text, MacroEncoding encoding, long longest)
    {
        Assert.That(Parse(text).LongestRendering(encoding), Is.EqualTo(longest));
    }

    [TestCase(MacroEncoding.Url, '\u0800')] // 3 UTF-8 bytes, each %XX: 9 characters
    [TestCase(MacroEncoding.Json, '\u0001')] // a control character, \u0001: 6 characters
    public void LongestRendering_IsWhatTheLongestValuesInTheirLongestCharacterRender(MacroEncoding encoding, char longestCharacter)
    {
        var template = Parse(string.Join('&', ForwardMacros.All.Select(m => $"{m}={{{m}}}")));
        var values = ForwardMacros.All.ToDictionary(m => m, m => (string?)new string(longestCharacter, m switch
        {
            "clickid" => 128, "txid" => 1_024, "conversionid" => 1_025, "postbackid" => 32, "payout" => 32, "receivedat" => 20,
            "type" => 4, "status" => 8, "currency" => 3, _ => 200,
        }), StringComparer.Ordinal);

        Assert.That(template.Render(values, encoding).Length, Is.EqualTo(template.LongestRendering(encoding)));
    }
}
