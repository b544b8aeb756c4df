using Trax.Links;

namespace Trax.Tests.Links;

public sealed class LinkTemplateTests
{
    [Test]
    public void Expand_EveryPlaceholder_IsReplacedWithTheUrlEncodedClickId()
    {
        var url = LinkTemplate.Expand("https://network.example/track/{clickid}?aff=42&sub1={clickid}#x", "a b/c?d&e=f#g%h+");

        Assert.That(url, Is.EqualTo("https://network.example/track/a%20b%2Fc%3Fd%26e%3Df%23g%25h%2B?aff=42&sub1=a%20b%2Fc%3Fd%26e%3Df%23g%25h%2B#x"));
    }

    [Test]
    public void Expand_MintedClickId_IsInsertedAsIs()
    {
        var url = LinkTemplate.Expand("https://network.example/track?aff=42&sub1={clickid}", "Zk3_q-9XvA0bC1dE2fG3hw");

        Assert.That(url, Is.EqualTo("https://network.example/track?aff=42&sub1=Zk3_q-9XvA0bC1dE2fG3hw"));
        Assert.That(new Uri(url).Query, Does.Contain("sub1=Zk3_q-9XvA0bC1dE2fG3hw"));
    }

    [Test]
    public void Expand_OtherBraces_AreLeftAlone()
    {
        Assert.That(LinkTemplate.Expand("https://n.example/?s={clickid}&t={CLICKID}&u={sub1}", "id1"),
            Is.EqualTo("https://n.example/?s=id1&t={CLICKID}&u={sub1}"));
    }

    [TestCase("https://network.example/track?aff=42&sub1={clickid}")]
    [TestCase("http://network.example/c/{clickid}")]
    [TestCase("https://network.example:8443/t?s2={clickid}&s3=%E2%9C%93")]
    [TestCase("HTTPS://Network.Example/?a={clickid}")]
    public void Check_AbsoluteHttpUrlWithPlaceholder_IsAccepted(string template)
    {
        Assert.That(LinkTemplate.Check(template), Is.Null);
    }

    [TestCase("https://network.example/track?aff=42", "missing-placeholder")]
    [TestCase("https://network.example/track?sub1={CLICKID}", "missing-placeholder")]
    [TestCase("https://network.example/track?sub1={click_id}", "missing-placeholder")]
    [TestCase("/track?sub1={clickid}", "invalid-destination")]
    [TestCase("network.example/track?sub1={clickid}", "invalid-destination")]
    [TestCase("ftp://network.example/{clickid}", "invalid-destination")]
    [TestCase("javascript:alert(1)//{clickid}", "invalid-destination")]
    [TestCase("mailto:a@b.example?subject={clickid}", "invalid-destination")]
    [TestCase("https:///path?{clickid}", "invalid-destination")]
    [TestCase("https://network.example/a b?s={clickid}", "invalid-destination")]
    [TestCase("https://network.example/?s={clickid}\r\nSet-Cookie: a=b", "invalid-destination")]
    [TestCase("https://réseau.example/?s={clickid}", "invalid-destination")]
    [TestCase("", "invalid-destination")]
    [TestCase(null, "invalid-destination")]
    public void Check_UnusableTemplate_IsRefusedWithItsReason(string? template, string reason)
    {
        Assert.That(LinkTemplate.Check(template)?.Reason, Is.EqualTo(reason));
    }

    [Test]
    public void Check_TemplateLongerThanTheLimit_IsRefused()
    {
        var prefix = "https://network.example/?s={clickid}&pad=";
        var atLimit = prefix + new string('a', LinkTemplate.MaxLength - prefix.Length);

        Assert.That(LinkTemplate.Check(atLimit), Is.Null);
        Assert.That(LinkTemplate.Check(atLimit + "a")?.Reason, Is.EqualTo("invalid-destination"));
    }
}
