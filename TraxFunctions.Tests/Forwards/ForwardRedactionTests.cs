using Trax.Forwards;

namespace Trax.Tests.Forwards;

/// <summary>
/// What of a forward's URL may be recorded: the values of parameters with secret names (SecretParameters.IsSecretName)
/// and any credentials in the authority become "redacted"; every other character is kept, so the record still shows
/// what was sent.
/// </summary>
public sealed partial class ForwardRedactionTests
{
    [Test]
    public void RedactUrl_EveryNameTheDeliveryLogKeptInClear_IsRedacted()
    {
        const string url = "https://fn.example/api/pb?c=1&code=FUNCKEY&jwt=J&pw=P&passphrase=PP&session=S&sessionid=SI&bearer=B"
                           + "&otp=O&pin=1234&auth_code=AC&token1=T1&secret2=S2&tokens=TS&status=approved";

        var redacted = ForwardRedaction.RedactUrl(url);

        Assert.That(redacted, Is.EqualTo("https://fn.example/api/pb?c=1&code=redacted&jwt=redacted&pw=redacted&passphrase=redacted"
                                         + "&session=redacted&sessionid=redacted&bearer=redacted&otp=redacted&pin=redacted"
                                         + "&auth_code=redacted&token1=redacted&secret2=redacted&tokens=redacted&status=approved"));
    }

    [TestCase("https://a.example/pb?token=abc123", "https://a.example/pb?token=redacted")]
    [TestCase("https://a.example/pb?TOKEN=abc123", "https://a.example/pb?TOKEN=redacted")]
    [TestCase("https://a.example/pb?key=k1", "https://a.example/pb?key=redacted")]
    [TestCase("https://a.example/pb?Key=k1", "https://a.example/pb?Key=redacted")]
    [TestCase("https://a.example/pb?secret=s3cr3t", "https://a.example/pb?secret=redacted")]
    [TestCase("https://a.example/pb?sig=deadbeef", "https://a.example/pb?sig=redacted")]
    [TestCase("https://a.example/pb?signature=deadbeef", "https://a.example/pb?signature=redacted")]
    [TestCase("https://a.example/pb?SIG_v2=deadbeef", "https://a.example/pb?SIG_v2=redacted")]
    [TestCase("https://a.example/pb?token=", "https://a.example/pb?token=redacted")]
    [TestCase("https://a.example/pb?token=a=b=c", "https://a.example/pb?token=redacted")]
    public void RedactUrl_ASecretValue_IsRedacted(string url, string expected)
    {
        Assert.That(ForwardRedaction.RedactUrl(url), Is.EqualTo(expected));
    }

    [Test]
    public void RedactUrl_OnlySecretValuesChange_OthersAndTheirOrderAreKeptByteForByte()
    {
        const string url = "https://ads.example/v1/pb?clickid=C%201&token=T0K&payout=12.50&Signature=abc%3D%3D&sub1=a+b&key=K&status=approved";

        Assert.That(ForwardRedaction.RedactUrl(url), Is.EqualTo(
            "https://ads.example/v1/pb?clickid=C%201&token=redacted&payout=12.50&Signature=redacted&sub1=a+b&key=redacted&status=approved"));
    }

    [Test]
    public void RedactUrl_ARepeatedSecret_IsRedactedEveryTime()
    {
        Assert.That(ForwardRedaction.RedactUrl("https://a.example/?token=1&x=2&token=3&TOKEN=4"),
            Is.EqualTo("https://a.example/?token=redacted&x=2&token=redacted&TOKEN=redacted"));
    }

    [TestCase("https://a.example/pb?clickid=abc&status=approved")]
    [TestCase("https://a.example/pb?tokenized=abc&keyword=1&passport=2&sub1=3")]
    [TestCase("https://a.example/pb?x=token&y=secret&z=key")]
    [TestCase("https://a.example/token/key/secret/sig?clickid=1")]
    [TestCase("https://a.example/pb")]
    [TestCase("https://a.example/pb?")]
    [TestCase("https://a.example/pb?&&")]
    [TestCase("https://a.example/pb?a=%zz&b=%")]
    public void RedactUrl_NothingSecret_IsReturnedUnchanged(string url)
    {
        Assert.That(ForwardRedaction.RedactUrl(url), Is.EqualTo(url));
    }

    [TestCase("https://a.example/?tok%65n=abc", "https://a.example/?tok%65n=redacted")]
    [TestCase("https://a.example/?%74%6F%6B%65%6E=abc", "https://a.example/?%74%6F%6B%65%6E=redacted")]
    [TestCase("https://a.example/?%4B%45%59=abc", "https://a.example/?%4B%45%59=redacted")]
    [TestCase("https://a.example/?+token+=abc", "https://a.example/?+token+=redacted")]
    [TestCase("https://a.example/?%20secret=abc", "https://a.example/?%20secret=redacted")]
    public void RedactUrl_AnEncodedSecretName_IsStillFound(string url, string expected)
    {
        Assert.That(ForwardRedaction.RedactUrl(url), Is.EqualTo(expected));
    }

    [TestCase("https://user:p4ss@a.example/pb", "https://redacted@a.example/pb")]
    [TestCase("https://user@a.example/pb", "https://redacted@a.example/pb")]
    [TestCase("http://u:p@a.example:8080/pb?x=1", "http://redacted@a.example:8080/pb?x=1")]
    [TestCase("https://u:p@a.example?x=1", "https://redacted@a.example?x=1")]
    [TestCase("https://u:p@a.example", "https://redacted@a.example")]
    [TestCase("HTTPS://U:P@A.EXAMPLE/", "HTTPS://redacted@A.EXAMPLE/")]
    [TestCase("https://u:p@ss@a.example/", "https://redacted@a.example/")]
    [TestCase("https://u:p%40ss@a.example/", "https://redacted@a.example/")]
    [TestCase("https://u:p@[::1]:8080/", "https://redacted@[::1]:8080/")]
    public void RedactUrl_UserInfo_IsRedacted(string url, string expected)
    {
        Assert.That(ForwardRedaction.RedactUrl(url), Is.EqualTo(expected));
    }

    [Test]
    public void RedactUrl_UserInfoAndSecretsTogether_AreAllRedacted()
    {
        var redacted = ForwardRedaction.RedactUrl("https://admin:hunter2@a.example/pb?token=T0K&c=1&sig=S1G#top");

        Assert.That(redacted, Is.EqualTo("https://redacted@a.example/pb?token=redacted&c=1&sig=redacted#top"));
        Assert.That(redacted, Does.Not.Contain("hunter2").And.Not.Contain("T0K").And.Not.Contain("S1G"));
    }

    [TestCase("https://a.example/pb?email=a@b.example", "https://a.example/pb?email=a@b.example")]
    [TestCase("https://a.example?email=a@b.example", "https://a.example?email=a@b.example")]
    [TestCase("https://a.example/users/@me", "https://a.example/users/@me")]
    [TestCase("https://a.example/pb?next=https://u:p@b.example/", "https://a.example/pb?next=https://u:p@b.example/")]
    public void RedactUrl_AnAtSignOutsideTheAuthority_IsNotUserInfo(string url, string expected)
    {
        Assert.That(ForwardRedaction.RedactUrl(url), Is.EqualTo(expected));
    }

    [TestCase("https://a.example/pb?c=1#frag", "https://a.example/pb?c=1#frag")]
    [TestCase("https://a.example/pb?token=t#frag", "https://a.example/pb?token=redacted#frag")]
    [TestCase("https://a.example/pb#?token=t", "https://a.example/pb#?token=t")]
    [TestCase("https://a.example/pb?c=1#section?key=k", "https://a.example/pb?c=1#section?key=k")]
    [TestCase("https://a.example/pb#u:p@x", "https://a.example/pb#u:p@x")]
    [TestCase("https://a.example/pb?key=k#", "https://a.example/pb?key=redacted#")]
    public void RedactUrl_AFragmentIsKept_AndAQuestionMarkInItIsNotAQuery(string url, string expected)
    {
        Assert.That(ForwardRedaction.RedactUrl(url), Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("not a url")]
    [TestCase("://")]
    [TestCase("/relative/path?c=1")]
    [TestCase("#")]
    [TestCase("?")]
    [TestCase("a://")]
    [TestCase("%%%://@@@")]
    public void RedactUrl_MalformedInputWithoutSecrets_IsReturnedAsItIs(string url)
    {
        Assert.That(ForwardRedaction.RedactUrl(url), Is.EqualTo(url));
    }

    [TestCase("/relative/path?token=t&c=1", "/relative/path?token=redacted&c=1")]
    [TestCase("?sig=abc", "?sig=redacted")]
    [TestCase("not a url?secret=s", "not a url?secret=redacted")]
    [TestCase("https://[::1?key=k", "https://[::1?key=redacted")]
    [TestCase("https://a.example:notaport/?token=t", "https://a.example:notaport/?token=redacted")]
    [TestCase("https:// spaced host /?token=t", "https:// spaced host /?token=redacted")]
    public void RedactUrl_MalformedInput_StillLosesItsSecrets(string url, string expected)
    {
        Assert.That(ForwardRedaction.RedactUrl(url), Is.EqualTo(expected));
    }

    [Test]
    public void RedactUrl_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => ForwardRedaction.RedactUrl(null!));
    }

    [Test]
    public void RedactUrl_IsIdempotent()
    {
        const string url = "https://u:p@a.example/pb?token=t&c=1&sig=s#f";
        var once = ForwardRedaction.RedactUrl(url);

        Assert.That(ForwardRedaction.RedactUrl(once), Is.EqualTo(once));
    }

    [Test]
    public void RedactUrl_TheResultIsStillTheSameUrlApartFromTheSecrets()
    {
        var redacted = new Uri(ForwardRedaction.RedactUrl("https://u:p@a.example:8443/v1/pb?c=1&token=t#f"));

        Assert.That((redacted.Scheme, redacted.Host, redacted.Port, redacted.AbsolutePath, redacted.Fragment),
            Is.EqualTo(("https", "a.example", 8443, "/v1/pb", "#f")));
        Assert.That(redacted.UserInfo, Is.EqualTo(ForwardRedaction.Redacted));
    }
}
