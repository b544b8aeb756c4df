using System.Text;
using System.Web;
using Trax.Forwards;

namespace Trax.Tests.Forwards;

/// <summary>
/// <see cref="MacroEncoding.Url"/>: a value escaped for a URL's query or path, or a form body, read back as a
/// destination would.
/// </summary>
public sealed partial class ForwardTemplateTests
{
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
}
