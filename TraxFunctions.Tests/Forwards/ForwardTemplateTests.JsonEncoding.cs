using System.Text;
using System.Text.Json;
using Trax.Forwards;

namespace Trax.Tests.Forwards;

/// <summary>
/// <see cref="MacroEncoding.Json"/>: a value escaped for the inside of a JSON string, read back as a destination would.
/// </summary>
public sealed partial class ForwardTemplateTests
{
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
}
