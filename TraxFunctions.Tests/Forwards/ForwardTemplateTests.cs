using System.Text;
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
public sealed class ForwardTemplateTests
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

    // ---- URL encoding (a URL's query or path, or a form body) ----

    [TestCase(" ", "%20")]
    [TestCase("&", "%26")]
    [TestCase("=", "%3D")]
    [TestCase("+", "%2B")]
    [TestCase("#", "%23")]
    [TestCase("%", "%25")]
    [TestCase("/", "%2F")]
    [TestCase("?", "%3F")]
    [TestCase(":", "%3A")]
    [TestCase("@", "%40")]
    [TestCase(";", "%3B")]
    [TestCase(",", "%2C")]
    [TestCase("\"", "%22")]
    [TestCase("'", "%27")]
    [TestCase("<>", "%3C%3E")]
    [TestCase("{}", "%7B%7D")]
    [TestCase("\r\n", "%0D%0A")]
    [TestCase("é", "%C3%A9")]
    [TestCase("€", "%E2%82%AC")]
    [TestCase("😀", "%F0%9F%98%80")]
    [TestCase("Ж", "%D0%96")]
    [TestCase("%20", "%2520")]
    [TestCase("AZaz09-._~", "AZaz09-._~")]
    public void Url_ReservedSpacesAndNonAscii_ArePercentEncodedAsUtf8(string value, string expected)
    {
        Assert.That(Parse("{sub1}").Render(Values(("sub1", value)), MacroEncoding.Url), Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(Macros))]
    public void Url_EveryMacro_ReadsBackFromTheQueryAsItsValue(string macro)
    {
        var template = Parse($"https://ads.example/pb?before=1&v={{{macro}}}&after=2");

        var rendered = template.Render(Values((macro, Nasty)), MacroEncoding.Url);

        Assert.That(Uri.TryCreate(rendered, UriKind.Absolute, out var uri), Is.True, rendered);
        Assert.That(uri!.Fragment, Is.Empty, "a '#' in a value must not start a fragment");
        var query = HttpUtility.ParseQueryString(uri.Query);
        Assert.That(query.AllKeys, Is.EqualTo(new[] { "before", "v", "after" }), "a '&' or '=' in a value must not make a parameter");
        Assert.That((query["before"], query["v"], query["after"]), Is.EqualTo(("1", Nasty, "2")));
    }

    [TestCaseSource(nameof(Macros))]
    public void Url_EveryMacro_InAPathSegment_StaysOneSegment(string macro)
    {
        var template = Parse($"https://ads.example/pb/{{{macro}}}/end");

        var rendered = template.Render(Values((macro, "a/b?c#d e")), MacroEncoding.Url);

        var uri = new Uri(rendered);
        Assert.That(uri.Segments, Has.Length.EqualTo(4), rendered);
        Assert.That(Uri.UnescapeDataString(uri.Segments[2].TrimEnd('/')), Is.EqualTo("a/b?c#d e"));
        Assert.That((uri.Query, uri.Fragment), Is.EqualTo(("", "")));
    }

    [TestCaseSource(nameof(Macros))]
    public void Url_EveryMacro_WritesOnlyUnreservedCharactersAndPercentEscapes(string macro)
    {
        var rendered = Parse($"{{{macro}}}").Render(Values((macro, Nasty)), MacroEncoding.Url);

        Assert.That(rendered, Does.Match("^([A-Za-z0-9._~-]|%[0-9A-F]{2})*$"));
        Assert.That(Uri.UnescapeDataString(rendered), Is.EqualTo(Nasty));
    }

    [Test]
    public void Url_FormBody_EachValueStaysInItsField()
    {
        var template = Parse("click={clickid}&status={status}&sub1={sub1}");
        var values = Values(("clickid", "a&status=hacked"), ("status", "x=y+z"), ("sub1", "100% sure #1"));

        var form = HttpUtility.ParseQueryString(template.Render(values, MacroEncoding.Url));

        Assert.That(form.AllKeys, Is.EqualTo(new[] { "click", "status", "sub1" }));
        Assert.That((form["click"], form["status"], form["sub1"]), Is.EqualTo(("a&status=hacked", "x=y+z", "100% sure #1")));
    }

    [Test]
    public void Url_ALoneSurrogate_DoesNotThrow_AndGivesValidUtf8Escapes()
    {
        var rendered = Parse("v={sub1}").Render(Values(("sub1", "a\uD800b")), MacroEncoding.Url);

        Assert.That(rendered, Does.Match("^v=([A-Za-z0-9._~-]|%[0-9A-F]{2})*$"));
        var bytes = HttpUtility.UrlDecodeToBytes(rendered[2..]);
        Assert.DoesNotThrow(() => new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes));
    }

    // ---- JSON encoding (the inside of a JSON string) ----

    [TestCase("\"", "\\\"")]
    [TestCase("\\", "\\\\")]
    [TestCase("\n", "\\n")]
    [TestCase("\r", "\\r")]
    [TestCase("\t", "\\t")]
    [TestCase("\u0000", "\\u0000")]
    [TestCase("\u0001", "\\u0001")]
    [TestCase("\u001F", "\\u001F")]
    [TestCase("say \"hi\"\\n", "say \\\"hi\\\"\\\\n")]
    [TestCase("plain text 123", "plain text 123")]
    public void Json_QuotesBackslashesAndControlCharacters_AreEscaped(string value, string expected)
    {
        var rendered = Parse("{sub1}").Render(Values(("sub1", value)), MacroEncoding.Json);

        Assert.That(rendered, Is.EqualTo(expected).IgnoreCase);
    }

    [TestCase("a b")]
    [TestCase("100%")]
    [TestCase("x=1&y=2")]
    [TestCase("a+b#c")]
    [TestCase("é€Ж")]
    public void Json_IsNotPercentEncoded(string value)
    {
        // A JSON body is not a URL: a space, '%', '&', '=', '+', '#' and letters outside ASCII go in as they are.
        var rendered = Parse("{sub1}").Render(Values(("sub1", value)), MacroEncoding.Json);

        Assert.That(rendered, Is.EqualTo(value));
    }

    [TestCaseSource(nameof(Macros))]
    public void Json_EveryMacro_ReadsBackFromTheBodyAsItsValue(string macro)
    {
        var template = Parse("""{"before":1,"v":"{""" + macro + """}","after":"2"}""");

        var rendered = template.Render(Values((macro, Nasty)), MacroEncoding.Json);

        using var json = JsonDocument.Parse(rendered);
        Assert.That(json.RootElement.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "before", "v", "after" }));
        Assert.That(json.RootElement.GetProperty("v").GetString(), Is.EqualTo(Nasty));
        Assert.That(json.RootElement.GetProperty("before").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public void Json_EveryControlCharacter_ReadsBack()
    {
        var controls = new string([.. Enumerable.Range(0, 0x20).Select(c => (char)c), '\u007F', '\u0085', '\u2028', '\u2029']);

        var rendered = Parse("""{"v":"{sub1}"}""").Render(Values(("sub1", controls)), MacroEncoding.Json);

        Assert.That(rendered.Where(c => c < 0x20), Is.Empty, "JSON does not allow a raw control character in a string");
        using var json = JsonDocument.Parse(rendered);
        Assert.That(json.RootElement.GetProperty("v").GetString(), Is.EqualTo(controls));
    }

    [Test]
    public void Json_AValueCannotCloseItsStringAndAddProperties()
    {
        const string attack = "x\",\"admin\":true,\"y\":\"";

        var rendered = Parse("""{"sub1":"{sub1}","admin":false}""").Render(Values(("sub1", attack)), MacroEncoding.Json);

        using var json = JsonDocument.Parse(rendered);
        Assert.That(json.RootElement.GetProperty("sub1").GetString(), Is.EqualTo(attack));
        Assert.That(json.RootElement.GetProperty("admin").GetBoolean(), Is.False);
        Assert.That(json.RootElement.EnumerateObject().Count(), Is.EqualTo(2));
    }

    [Test]
    public void Json_ABackslashAtTheEnd_DoesNotEscapeTheClosingQuote()
    {
        var rendered = Parse("""{"a":"{sub1}","b":"{sub2}"}""").Render(Values(("sub1", "ends with \\"), ("sub2", "\\\"")), MacroEncoding.Json);

        using var json = JsonDocument.Parse(rendered);
        Assert.That(json.RootElement.GetProperty("a").GetString(), Is.EqualTo("ends with \\"));
        Assert.That(json.RootElement.GetProperty("b").GetString(), Is.EqualTo("\\\""));
    }

    [Test]
    public void Json_ALoneSurrogate_IsReplaced_SoTheBodyIsValidUtf8Json()
    {
        var rendered = Parse("""{"v":"{sub1}"}""").Render(Values(("sub1", "a\uDC00b\uD800")), MacroEncoding.Json);

        var utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(rendered);
        using var json = JsonDocument.Parse(utf8);
        Assert.That(json.RootElement.GetProperty("v").GetString(), Is.EqualTo("a\uFFFDb\uFFFD"));
    }

    [Test]
    public void Json_ASurrogatePair_ReadsBackAsTheSameCharacter()
    {
        var rendered = Parse("""{"v":"{sub1}"}""").Render(Values(("sub1", "😀𝄞")), MacroEncoding.Json);

        using var json = JsonDocument.Parse(rendered);
        Assert.That(json.RootElement.GetProperty("v").GetString(), Is.EqualTo("😀𝄞"));
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
