using Trax.Forwards;

namespace Trax.Tests.Forwards;

public sealed class ForwardValidatorTests
{
    [Test]
    public void Validate_FullRequest_NormalisesIdsMethodAndFilters()
    {
        var (forward, rejection) = ForwardValidator.Validate(new ForwardRequest
        {
            Url = " https://ads.example/pb?gclid={SUB1}&v={payout} ", Method = "post", BodyFormat = "JSON", Body = """{"s":"{status}"}""",
            Types = ["SALE", "ftd"], Statuses = ["Approved"], Networks = [" AffiliateWeb "], Links = ["SuperGame1"], Campaigns = ["winter"],
            TimeoutSeconds = 5,
        }, "Ads", allowPrivateDestinations: false);

        Assert.That(rejection, Is.Null);
        Assert.That(forward!.Id, Is.EqualTo("ads"));
        Assert.That(forward.Url, Is.EqualTo("https://ads.example/pb?gclid={SUB1}&v={payout}"));
        Assert.That((forward.Method, forward.BodyFormat), Is.EqualTo(("POST", "json")));
        Assert.That(forward.Filters.Types, Is.EqualTo(new[] { "sale", "ftd" }));
        Assert.That(forward.Filters.Statuses, Is.EqualTo(new[] { "approved" }));
        Assert.That(forward.Filters.Networks, Is.EqualTo(new[] { "AffiliateWeb" }));
        Assert.That(forward.Filters.Links, Is.EqualTo(new[] { "supergame1" }));
        Assert.That(forward.TimeoutSeconds, Is.EqualTo(5));
        Assert.That(forward.Enabled, Is.True);
    }

    [Test]
    public void Validate_Defaults_AreGetAnyConversionTenSeconds()
    {
        var (forward, _) = ForwardValidator.Validate(new ForwardRequest { Url = "https://ads.example/pb" }, "a", false);

        Assert.That((forward!.Method, forward.BodyFormat, forward.Body, forward.TimeoutSeconds), Is.EqualTo(("GET", (string?)null, (string?)null, 10)));
        Assert.That(forward.Filters, Is.EqualTo(ForwardFilters.Any));
    }

    [TestCase("https://a.example/?c={clikid}", "unknown-macro")]
    [TestCase("https://a.example/?c={clickid", null)]
    [TestCase("ftp://a.example/{clickid}", "invalid-url")]
    [TestCase("/pb?c={clickid}", "invalid-url")]
    [TestCase("https://a.example/ c", "invalid-url")]
    [TestCase("https://a.example/é", "invalid-url")]
    [TestCase("https:///nohost", "invalid-url")]
    [TestCase("http://127.0.0.1:8080/pb", "private-destination")]
    [TestCase("http://[::1]/pb", "private-destination")]
    [TestCase("http://169.254.169.254/latest", "private-destination")]
    [TestCase("http://10.1.2.3/pb", "private-destination")]
    [TestCase("http://127.0.0.1./pb", "private-destination")]
    [TestCase("http://10.1.2.3.:8080/pb", "private-destination")]
    [TestCase("http://0x7f.1/pb", "private-destination")]
    [TestCase("http://2130706433/pb", "private-destination")]
    [TestCase("https://93.184.215.14./pb", null)]
    [TestCase("http://localhost/pb", null)]
    [TestCase("https://{sub1}/pb", "invalid-url")]
    [TestCase("https://{network}.example/pb", "invalid-url")]
    [TestCase("https://a.example:{sub2}/pb", "invalid-url")]
    [TestCase("{source}", "invalid-url")]
    [TestCase("https://a.example/{sub1}/pb?c={clickid}#{type}", null)]
    [TestCase("https://a.example?c={clickid}", null)]
    public void Validate_Url_IsJudgedWithItsMacrosFilledIn(string url, string? reason)
    {
        var (_, rejection) = ForwardValidator.Validate(new ForwardRequest { Url = url }, "a", allowPrivateDestinations: false);

        Assert.That(rejection?.Reason, Is.EqualTo(reason));
    }

    [Test]
    public void Validate_PrivateAddressWhenAllowed_IsAccepted()
    {
        var (_, rejection) = ForwardValidator.Validate(new ForwardRequest { Url = "http://127.0.0.1:8080/pb" }, "a", allowPrivateDestinations: true);

        Assert.That(rejection, Is.Null);
    }

    [Test]
    public void Validate_UnknownMacro_IsNamedInTheMessage()
    {
        var (_, rejection) = ForwardValidator.Validate(new ForwardRequest { Url = "https://a.example/", Method = "POST", Body = "x={gclid}" }, "a", false);

        Assert.That(rejection!.Reason, Is.EqualTo("unknown-macro"));
        Assert.That(rejection.Message, Does.StartWith("{gclid} is not a macro"));
    }

    [TestCase("PUT", null, null, "invalid-method")]
    [TestCase("GET", "form", null, "invalid-method")]
    [TestCase("GET", null, "a=1", "invalid-method")]
    [TestCase("POST", "xml", "a", "invalid-method")]
    [TestCase("POST", null, null, null)]
    public void Validate_MethodAndBody_GoTogether(string method, string? format, string? body, string? reason)
    {
        var (_, rejection) = ForwardValidator.Validate(new ForwardRequest { Url = "https://a.example/", Method = method, BodyFormat = format, Body = body }, "a", false);

        Assert.That(rejection?.Reason, Is.EqualTo(reason));
    }

    [Test]
    public void Validate_BadFilterValuesTimeoutsAndIds_AreRefused()
    {
        static string? Reason(ForwardRequest request, string id = "a") => ForwardValidator.Validate(request with { Url = "https://a.example/" }, id, false).Rejection?.Reason;

        Assert.That(Reason(new ForwardRequest { Types = ["deposit"] }), Is.EqualTo("invalid-filter"));
        Assert.That(Reason(new ForwardRequest { Statuses = ["paid"] }), Is.EqualTo("invalid-filter"));
        Assert.That(Reason(new ForwardRequest { Links = ["not a slug"] }), Is.EqualTo("invalid-filter"));
        Assert.That(Reason(new ForwardRequest { Networks = [""] }), Is.EqualTo("invalid-filter"));
        Assert.That(Reason(new ForwardRequest { Campaigns = [.. Enumerable.Range(0, 101).Select(i => "c" + i)] }), Is.EqualTo("invalid-filter"));
        Assert.That(Reason(new ForwardRequest { TimeoutSeconds = 0 }), Is.EqualTo("invalid-timeout"));
        Assert.That(Reason(new ForwardRequest { TimeoutSeconds = 61 }), Is.EqualTo("invalid-timeout"));
        Assert.That(Reason(new ForwardRequest(), "no spaces"), Is.EqualTo("invalid-forward-id"));
        Assert.That(Reason(new ForwardRequest { Id = "b" }), Is.EqualTo("forward-id-mismatch"));
        Assert.That(Reason(new ForwardRequest { Method = "POST", Body = "a\u0001" }), Is.EqualTo("invalid-body-template"));
        Assert.That(Reason(new ForwardRequest { Attribution = ["orphan"] }), Is.EqualTo("invalid-filter"));
        Assert.That(Reason(new ForwardRequest { Attribution = [] }), Is.EqualTo("invalid-filter"), "missing is attributed only, so empty would be ambiguous");
    }

    [Test]
    public void Validate_Attribution_IsNormalisedAndAForwardWithoutOneHearsOfAttributedConversionsOnly()
    {
        var (all, _) = ForwardValidator.Validate(new ForwardRequest { Url = "https://a.example/", Attribution = ["Unattributed", " attributed ", "outside-window", "attributed"] }, "a", false);
        var (plain, _) = ForwardValidator.Validate(new ForwardRequest { Url = "https://a.example/" }, "b", false);

        Assert.That(all!.Filters.Attribution, Is.EqualTo(new[] { "unattributed", "attributed", "outside-window" }));
        Assert.That(plain!.Filters.Attribution, Is.Null, "stored as not given, like every forward saved before the filter existed");
        Assert.That(plain.Filters.AttributionOrDefault, Is.EqualTo(new[] { "attributed" }));
        Assert.That(ForwardView.Of(plain).Attribution, Is.EqualTo(new[] { "attributed" }), "the API shows what applies");
    }
}
