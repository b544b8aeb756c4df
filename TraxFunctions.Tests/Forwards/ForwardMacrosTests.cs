using Trax.Conversions;
using Trax.Core;
using Trax.Forwards;

namespace Trax.Tests.Forwards;

/// <summary>The macro names a forward may use: the product's list, in any letter case, and nothing else.</summary>
public sealed class ForwardMacrosTests
{
    // The list the product requires (and the docs show), in that order: written out here, not read from the class.
    private static readonly string[] Required =
    [
        "clickid", "type", "status", "payout", "currency", "txid", "network", "program", "campaign", "linkid",
        "source", "sub1", "sub2", "sub3", "sub4", "sub5", "conversionid", "postbackid", "receivedat",
    ];

    private static readonly DateTimeOffset At = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void All_IsExactlyTheRequiredMacros_InTheirDocumentedOrder()
    {
        Assert.That(ForwardMacros.All, Is.EqualTo(Required));
    }

    [Test]
    public void All_IsLowerCaseAndDistinct()
    {
        Assert.That(ForwardMacros.All, Is.Unique);
        Assert.That(ForwardMacros.All.All(m => m.Length > 0 && m == m.ToLowerInvariant()), Is.True);
    }

    [Test]
    public void All_CannotBeChangedByACaller()
    {
        var asList = ForwardMacros.All as IList<string>;

        Assert.That(asList is null || asList.IsReadOnly, Is.True, "a caller must not be able to add a macro to the shared list");
    }

    [TestCaseSource(nameof(Required))]
    public void IsKnown_EveryRequiredMacro_InLowerUpperAndMixedCase(string macro)
    {
        Assert.That(ForwardMacros.IsKnown(macro), Is.True);
        Assert.That(ForwardMacros.IsKnown(macro.ToUpperInvariant()), Is.True);
        Assert.That(ForwardMacros.IsKnown(char.ToUpperInvariant(macro[0]) + macro[1..]), Is.True);
    }

    [TestCase("")]
    [TestCase("sub0")]
    [TestCase("sub6")]
    [TestCase("sub10")]
    [TestCase("gclid")]
    [TestCase("clikid")]
    [TestCase("click_id")]
    [TestCase("clickid ")]
    [TestCase(" clickid")]
    [TestCase("{clickid}")]
    [TestCase("payouts")]
    [TestCase("received_at")]
    [TestCase("subid")]
    [TestCase("id")]
    public void IsKnown_AnythingElse_IsNotAMacro(string name)
    {
        Assert.That(ForwardMacros.IsKnown(name), Is.False);
    }

    [Test]
    public void IsKnown_DotlessCapitalI_IsNotTakenForAnI()
    {
        // Ordinal case-insensitivity: a Turkish dotted or dotless I is not the ASCII letter of "clickid" or "linkid".
        Assert.That(ForwardMacros.IsKnown("clıckid"), Is.False);
        Assert.That(ForwardMacros.IsKnown("LİNKID"), Is.False);
    }

    [Test]
    public void ValuesOf_AConversion_HasAValueSlotForEveryMacroAndNoOther()
    {
        var values = ForwardJob.ValuesOf(Conversion(), "conv-1");

        Assert.That(values.Keys, Is.EquivalentTo(ForwardMacros.All));
    }

    [Test]
    public void ValuesOf_EveryMacroRendersTheConversionsValue()
    {
        var template = Parse(string.Join("|", ForwardMacros.All.Select(m => $"{m}={{{m}}}")));

        var rendered = template.Render(ForwardJob.ValuesOf(Conversion(), "conv-1"), MacroEncoding.Url);

        Assert.That(rendered.Split('|'), Is.EqualTo(new[]
        {
            "clickid=c-1", "type=sale", "status=approved", "payout=25.5", "currency=EUR", "txid=T-1", "network=AffiliateWeb",
            "program=prog", "campaign=winter", "linkid=supergame1", "source=fb", "sub1=g-1", "sub2=s2", "sub3=s3",
            "sub4=s4", "sub5=s5", "conversionid=conv-1", "postbackid=p1", "receivedat=2026-11-25T12%3A00%3A00Z",
        }));
    }

    [Test]
    public void ValuesOf_ReceivedAt_IsIso8601InUtc_WhateverTheOffsetItWasStoredWith()
    {
        var conversion = Conversion() with { ReceivedAt = new DateTimeOffset(2026, 11, 25, 14, 30, 5, TimeSpan.FromHours(2)) };

        var receivedAt = ForwardJob.ValuesOf(conversion, "conv-1")["receivedat"];

        Assert.That(receivedAt, Is.EqualTo("2026-11-25T12:30:05Z"));
        Assert.That(DateTimeOffset.Parse(receivedAt!, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(conversion.ReceivedAt));
    }

    [Test]
    public void ValuesOf_AnOrphan_LeavesTheClicksMacrosEmpty()
    {
        var conversion = Conversion();
        var orphan = conversion with { Attribution = null, Postback = conversion.Postback with { Network = null } };
        var template = Parse("c={campaign}&l={linkid}&s={source}&s1={sub1}&s5={sub5}&n={network}&id={clickid}");

        var rendered = template.Render(ForwardJob.ValuesOf(orphan, "conv-1"), MacroEncoding.Url);

        Assert.That(rendered, Is.EqualTo("c=&l=&s=&s1=&s5=&n=&id=c-1"));
    }

    private static ForwardTemplate Parse(string text)
    {
        Assert.That(ForwardTemplate.TryParse(text, out var template, out var unknown), Is.True, unknown);
        return template!;
    }

    private static Conversion Conversion() => new()
    {
        Postback = new(ConversionType.Sale, "c-1", "AffiliateWeb", "prog", "T-1"),
        State = new ConversionState(ConversionStatus.Approved, null, "p1", 25.5m, "EUR", "p1"), PostbackId = "p1", ReceivedAt = At,
        Attribution = new Attribution
        {
            ClickedAt = At.AddHours(-1),
            Click = new()
            {
                LinkId = "supergame1", Campaign = "winter", Source = "fb", Sub1 = "g-1", Sub2 = "s2", Sub3 = "s3",
                Sub4 = "s4", Sub5 = "s5",
            },
        },
    };
}
