using System.Text.Json;
using System.Web;
using Trax.Forwards;

namespace Trax.Tests.Forwards;

/// <summary>
/// A forward's URL or body template: which <c>{names}</c> are macros, which are refused, and how a value is escaped
/// for a URL or form (<see cref="MacroEncoding.Url"/>) and for a JSON string (<see cref="MacroEncoding.Json"/>). The
/// escaping is checked by reading the rendered text back the way a destination would, not by comparing it with the
/// encoder's output.
/// </summary>
public sealed partial class ForwardTemplateTests
{
    // Everything a URL or JSON string gives a meaning to, and text outside ASCII.
    private const string Nasty = "a b&c=d+e#f%g/h?i;j:k@l,m$n!o'p(q)r*s[t]u{v}w\"x\\y<z>|^`~é€😀\r\n\t";

    private static IEnumerable<string> Macros => ForwardMacros.All;

    // ---- Parsing ----

    [Test]
    public void TryParse_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => ForwardTemplate.TryParse(null!, out _, out _));
    }

    [TestCase("")]
    [TestCase("https://ads.example/pb")]
    [TestCase("""{"a":1,"b":[true,null]}""")]
    [TestCase("a=1&b=2")]
    public void TryParse_NoMacros_RendersItselfInEitherEncoding(string text)
    {
        var template = Parse(text);

        Assert.That(template.Macros, Is.Empty);
        Assert.That(template.Template, Is.EqualTo(text));
        Assert.That(template.Render(AllValues("X"), MacroEncoding.Url), Is.EqualTo(text));
        Assert.That(template.Render(AllValues("X"), MacroEncoding.Json), Is.EqualTo(text));
    }

    [Test]
    public void TryParse_KeepsTheTemplateAsWritten()
    {
        const string text = "https://ads.example/pb?C={ClickId}&t={TYPE}";

        Assert.That(Parse(text).Template, Is.EqualTo(text));
    }

    [Test]
    public void Macros_AreDistinctLowerCase_InOrderOfFirstUse()
    {
        var template = Parse("{SUB1}/{type}?a={sub1}&b={Type}&c={clickid}&d={CLICKID}");

        Assert.That(template.Macros, Is.EqualTo(new[] { "sub1", "type", "clickid" }));
    }

    [TestCaseSource(nameof(Macros))]
    public void TryParse_EveryMacro_InAnyCase_IsAMacro(string macro)
    {
        foreach (var written in new[] { macro, macro.ToUpperInvariant(), char.ToUpperInvariant(macro[0]) + macro[1..] })
        {
            Assert.That(ForwardTemplate.TryParse($"x={{{written}}}", out var template, out var unknown), Is.True, written);
            Assert.That(unknown, Is.Null);
            Assert.That(template!.Macros, Is.EqualTo(new[] { macro }), written);
        }
    }

    [TestCase("https://a.example/?c={gclid}", "gclid")]
    [TestCase("https://a.example/?c={GCLID}", "GCLID")]
    [TestCase("x={Sub6}", "Sub6")]
    [TestCase("x={sub0}", "sub0")]
    [TestCase("{clickid}&{foo}&{bar}", "foo")]
    [TestCase("{foo}{clickid}", "foo")]
    [TestCase("{click_id}", "click_id")]
    [TestCase("{sub_1}", "sub_1")]
    [TestCase("{1}", "1")]
    [TestCase("{_}", "_")]
    [TestCase("""{"a":"{clikid}"}""", "clikid")]
    [TestCase("{{typo}}", "typo")]
    public void TryParse_UnknownMacro_IsRefusedAndNamedAsWritten(string text, string expected)
    {
        var ok = ForwardTemplate.TryParse(text, out var template, out var unknown);

        Assert.That(ok, Is.False);
        Assert.That(template, Is.Null);
        Assert.That(unknown, Is.EqualTo(expected));
    }

    [TestCase("{")]
    [TestCase("}")]
    [TestCase("{}")]
    [TestCase("}{")]
    [TestCase("{clickid")]
    [TestCase("clickid}")]
    [TestCase("{ clickid}")]
    [TestCase("{clickid }")]
    [TestCase("{click-id}")]
    [TestCase("{click.id}")]
    [TestCase("{clické}")]
    [TestCase("{foo bar}")]
    [TestCase("""{"a":{"b":1},"c":[{}]}""")]
    [TestCase("""{ "gclid": "x" }""")]
    public void TryParse_BracesThatAreNotMacroShaped_AreLiteralText(string text)
    {
        var template = Parse(text);

        Assert.That(template.Macros, Is.Empty);
        Assert.That(template.Render(AllValues("X"), MacroEncoding.Url), Is.EqualTo(text));
    }

    private static ForwardTemplate Parse(string text)
    {
        Assert.That(ForwardTemplate.TryParse(text, out var template, out var unknown), Is.True, $"unknown macro {unknown}");
        return template!;
    }

    private static Dictionary<string, string?> Values(params (string Name, string? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    private static Dictionary<string, string?> AllValues(string value) =>
        ForwardMacros.All.ToDictionary(m => m, _ => (string?)value, StringComparer.Ordinal);
}
