using Trax.Core;
using Trax.Input;
using Trax.Postbacks;

namespace Trax.Tests.Postbacks;

public sealed class PostbackValidatorTests
{
    [TestCase("clickid=%20%2085512345%09", "85512345")]
    [TestCase("clickid=85512345&clickid=85512345", "85512345")]
    [TestCase("clickid=85512345&ClickId=85512345", "85512345")]
    [TestCase("clickid=&clickid=85512345", "85512345")]
    [TestCase("CLICKID=a~b!c", "a~b!c")]
    public void Validate_AcceptableClickId_IsTrimmedAndKept(string query, string expected)
    {
        var result = Validate(query);

        Assert.That(result.Rejection, Is.Null);
        Assert.That(result.Postback!.ClickId, Is.EqualTo(expected));
    }

    [TestCase("network=AffiliateWeb", "missing-clickid")]
    [TestCase("clickid=%09", "missing-clickid")]
    [TestCase("clickid=1&clickid=2", "ambiguous-clickid")]
    [TestCase("clickid=1&CLICKID=%202", "ambiguous-clickid")]
    [TestCase("clickid=ab%20cd", "invalid-clickid")]
    [TestCase("clickid=caf%C3%A9", "invalid-clickid")]
    [TestCase("clickid=abc%7F", "invalid-clickid")]
    [TestCase("clickid={clickid}", "unreplaced-macro")]
    [TestCase("clickid=%23s2%23", "unreplaced-macro")]
    [TestCase("clickid=%25subid1%25", "unreplaced-macro")]
    [TestCase("clickid=1&payout=1e3", "invalid-payout")]
    [TestCase("clickid=1&payout=1,50", "invalid-payout")]
    [TestCase("clickid=1&payout=NaN", "invalid-payout")]
    [TestCase("clickid=1&payout=0.00000000000000000000000000001", "invalid-payout")]
    [TestCase("clickid=1&payout=1.000000000000000000000000000001", "invalid-payout")]
    [TestCase("clickid=1&currency=EU", "invalid-currency")]
    [TestCase("clickid=1&currency=EURO", "invalid-currency")]
    [TestCase("clickid=1&currency=E1R", "invalid-currency")]
    public void Validate_BadInput_IsRejectedWithReason(string query, string reason)
    {
        var result = Validate(query);

        Assert.That(result.Postback, Is.Null);
        Assert.That(result.Rejection!.Reason, Is.EqualTo(reason));
    }

    [Test]
    public void Validate_ClickIdAtTheLengthLimit_IsAccepted()
    {
        var clickId = new string('7', ClickId.MaxLength);

        Assert.That(Validate($"clickid={clickId}").Postback?.ClickId, Is.EqualTo(clickId));
        Assert.That(Validate($"clickid={clickId}7").Rejection?.Reason, Is.EqualTo("invalid-clickid"));
    }

    [Test]
    public void Validate_EveryPrintableAsciiCharacter_IsAValidClickId()
    {
        var everyPrintable = new string(Enumerable.Range(0x21, 0x7E - 0x21 + 1).Select(i => (char)i).ToArray());

        Assert.That(ClickId.IsValid(everyPrintable), Is.True);
        Assert.That(ClickId.IsValid("a b"), Is.False);
        Assert.That(ClickId.IsValid(""), Is.False);
    }

    [TestCase("payout=25.50", 25.50)]
    [TestCase("payout=-3", -3)]
    [TestCase("payout=.5", 0.5)]
    [TestCase("payout=%20%2010%20", 10)]
    public void Validate_InvariantDecimalPayout_IsParsed(string field, decimal expected) =>
        Assert.That(Validate($"clickid=1&{field}").Postback!.Payout, Is.EqualTo(expected));

    [TestCase("network={network}", "network:unreplaced-macro")]
    [TestCase("program=%00x", "program:control-characters")]
    [TestCase("txid=%7Btxid%7D", "txid:unreplaced-macro")]
    [TestCase("payout=%7Bpayout%7D", "payout:unreplaced-macro")]
    [TestCase("currency=[currency]", "currency:unreplaced-macro")]
    [TestCase("status=a%C2%85b", "status:control-characters")]
    public void Validate_BadOptionalField_IsDroppedWithWarning(string field, string warning)
    {
        var postback = Validate($"clickid=85512345&{field}").Postback!;

        Assert.That(postback.Warnings, Is.EqualTo(new[] { warning }));
        Assert.That(new[] { postback.Network, postback.Program, postback.TxId, postback.Currency, postback.Status }, Has.All.Null);
        Assert.That(postback.Payout, Is.Null);
    }

    [TestCase("payout=&currency=EUR")]
    [TestCase("currency=eur")]
    [TestCase("payout=%7Bpayout%7D&currency=EUR")]
    public void Validate_CurrencyWithoutAPayout_IsDroppedWithWarning(string fields)
    {
        var postback = Validate($"clickid=85512345&{fields}").Postback!;

        Assert.That(postback.Currency, Is.Null);
        Assert.That(postback.Warnings, Does.Contain("currency:without-payout"));
    }

    [Test]
    public void Validate_OptionalFieldOver200Characters_IsDroppedWithWarning()
    {
        var postback = Validate($"clickid=1&network={new string('n', 201)}&program={new string('p', 200)}").Postback!;

        Assert.That(postback.Network, Is.Null);
        Assert.That(postback.Program, Has.Length.EqualTo(200));
        Assert.That(postback.Warnings, Is.EqualTo(new[] { "network:too-long" }));
    }

    [Test]
    public void Validate_TwoDifferentNetworks_KeepsTheFirstAndWarns()
    {
        var postback = Validate("clickid=1&network=A&network=B").Postback!;

        Assert.That(postback.Network, Is.EqualTo("A"));
        Assert.That(postback.Warnings, Is.EqualTo(new[] { "network:multiple-values" }));
    }

    [TestCase("clickid={clickid}&clickid=85512345", "clickid", "85512345")]
    [TestCase("clickid=85512345&clickid=%5BCLICK_ID%5D", "clickid", "85512345")]
    [TestCase("clickid=1&network={network}&network=AffiliateWeb", "network", "AffiliateWeb")]
    [TestCase("clickid=1&program=%23program%23&program=SuperGame1", "program", "SuperGame1")]
    [TestCase("clickid=1&txid={order_id}&txid=T-1001", "txid", "T-1001")]
    [TestCase("clickid=1&txid={sub1}&txid=T-1001", "txid", "T-1001")]
    [TestCase("clickid=1&payout={payout}&payout=25.50", "payout", "25.50")]
    [TestCase("clickid=1&payout=25.50&currency=%25currency%25&currency=EUR", "currency", "EUR")]
    public void Validate_RepeatedParameterWhoseOtherValueIsAMacro_KeepsTheValueSentAndWarns(string query, string field, string expected)
    {
        var postback = Validate(query).Postback;

        Assert.That(postback, Is.Not.Null, "one value was sent: the placeholder beside it carries none, so nothing is ambiguous");
        var kept = field switch
        {
            "clickid" => postback!.ClickId,
            "network" => postback!.Network,
            "program" => postback!.Program,
            "txid" => postback!.TxId,
            "payout" => postback!.Payout?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => postback!.Currency,
        };
        Assert.That(kept, Is.EqualTo(expected));
        Assert.That(postback!.Warnings, Is.EqualTo(new[] { field + ":unreplaced-macro" }));
    }

    [TestCase("clickid={clickid}&clickid={click_id}", "ambiguous-clickid")]
    [TestCase("clickid={clickid}&clickid={clickid}", "unreplaced-macro")]
    public void Validate_ClickIdSentOnlyAsMacros_IsStillRefused(string query, string reason) =>
        Assert.That(Validate(query).Rejection?.Reason, Is.EqualTo(reason));

    [Test]
    public void Validate_TwoDifferentValuesBesideAMacro_KeepsTheFirstValueAndWarnsOfBoth()
    {
        var postback = Validate("clickid=1&network={network}&network=A&network=B").Postback!;

        Assert.That(postback.Network, Is.EqualTo("A"));
        Assert.That(postback.Warnings, Is.EqualTo(new[] { "network:multiple-values", "network:unreplaced-macro" }));
    }

    [Test]
    public void Validate_EmptyOptionalFields_AreAbsentWithoutWarnings()
    {
        var postback = Validate("clickid=1&network=&program=%20&payout=&currency=").Postback!;

        Assert.That(postback, Is.EqualTo(new Postback(ConversionType.Ftd, "1")));
        Assert.That(postback.Warnings, Is.Empty);
    }

    private static PostbackValidation Validate(string query) =>
        PostbackValidator.Validate(ConversionType.Ftd, PostbackParameters.FromQueryString(query));
}
