using Trax.Links;

namespace Trax.Tests.Links;

public sealed class LinkValidatorTests
{
    private static readonly LinkRequest Valid = new()
    {
        Id = "supergame1",
        Destination = "https://network.example/track?aff=42&sub1={clickid}",
        Network = "AffiliateWeb",
        Program = "SuperGame1",
        Campaign = "november",
        AttributionWindowDays = 30,
    };

    [Test]
    public void Validate_CompleteLink_ReturnsItNormalised()
    {
        var validation = LinkValidator.Validate(Valid with
        {
            Id = " SuperGame-1 ",
            Destination = " https://network.example/track?sub1={clickid} ",
            Network = " AffiliateWeb ",
        });

        Assert.That(validation.Rejection, Is.Null);
        var link = validation.Link!;
        Assert.That(link.Id, Is.EqualTo("supergame-1"), "ids are case-insensitive, stored in lower case");
        Assert.That(link.Destination, Is.EqualTo("https://network.example/track?sub1={clickid}"));
        Assert.That(link.Network, Is.EqualTo("AffiliateWeb"));
        Assert.That(link.Program, Is.EqualTo("SuperGame1"));
        Assert.That(link.Campaign, Is.EqualTo("november"));
        Assert.That(link.AttributionWindowDays, Is.EqualTo(30));
        Assert.That(link.Enabled, Is.True, "enabled unless said otherwise");
    }

    [Test]
    public void Validate_OptionalFieldsAbsent_LeavesThemEmpty()
    {
        var link = LinkValidator.Validate(Valid with { Campaign = "  ", AttributionWindowDays = null, Enabled = false }).Link!;

        Assert.That(link.Campaign, Is.Null);
        Assert.That(link.AttributionWindowDays, Is.Null);
        Assert.That(link.Enabled, Is.False);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("-abc")]
    [TestCase("_abc")]
    [TestCase("a b")]
    [TestCase("a/b")]
    [TestCase("a.b")]
    [TestCase("jeu-vidéo")]
    [TestCase("{clickid}")]
    public void Validate_BadId_IsRefused(string? id)
    {
        Assert.That(LinkValidator.Validate(Valid with { Id = id }).Rejection?.Reason, Is.EqualTo("invalid-link-id"));
    }

    [Test]
    public void Validate_IdLength_IsAtMost64()
    {
        Assert.That(LinkValidator.Validate(Valid with { Id = new string('a', 64) }).Rejection, Is.Null);
        Assert.That(LinkValidator.Validate(Valid with { Id = new string('a', 65) }).Rejection?.Reason, Is.EqualTo("invalid-link-id"));
    }

    [Test]
    public void Validate_BadDestination_IsRefusedWithTheTemplateReason()
    {
        Assert.That(LinkValidator.Validate(Valid with { Destination = "https://network.example/" }).Rejection?.Reason,
            Is.EqualTo("missing-placeholder"));
        Assert.That(LinkValidator.Validate(Valid with { Destination = null }).Rejection?.Reason, Is.EqualTo("invalid-destination"));
    }

    [TestCase(null, "SuperGame1")]
    [TestCase("AffiliateWeb", "")]
    [TestCase(" ", "SuperGame1")]
    public void Validate_MissingNetworkOrProgram_IsRefused(string? network, string? program)
    {
        Assert.That(LinkValidator.Validate(Valid with { Network = network, Program = program }).Rejection?.Reason,
            Is.EqualTo("missing-field"));
    }

    [TestCase("network", "Affiliate\u0007Web")]
    [TestCase("program", "{program}")]
    [TestCase("campaign", "too-long")]
    public void Validate_UnusableField_IsRefusedNamingTheField(string field, string value)
    {
        if (value == "too-long")
        {
            value = new string('c', 201);
        }

        var request = field switch
        {
            "network" => Valid with { Network = value },
            "program" => Valid with { Program = value },
            _ => Valid with { Campaign = value },
        };

        var rejection = LinkValidator.Validate(request).Rejection;

        Assert.That(rejection?.Reason, Is.EqualTo("invalid-field"));
        Assert.That(rejection!.Message, Does.StartWith(field + ":"));
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(3651)]
    public void Validate_WindowOutOfRange_IsRefused(int days)
    {
        Assert.That(LinkValidator.Validate(Valid with { AttributionWindowDays = days }).Rejection?.Reason,
            Is.EqualTo("invalid-attribution-window"));
    }

    [TestCase(1)]
    [TestCase(3650)]
    public void Validate_WindowAtItsBounds_IsAccepted(int days)
    {
        Assert.That(LinkValidator.Validate(Valid with { AttributionWindowDays = days }).Link!.AttributionWindowDays, Is.EqualTo(days));
    }

    [Test]
    public void Validate_PathIdDiffersFromBodyId_IsRefused()
    {
        Assert.That(LinkValidator.Validate(Valid, pathId: "other").Rejection?.Reason, Is.EqualTo("link-id-mismatch"));
    }

    [Test]
    public void Validate_PathIdWithoutBodyId_TakesThePathId()
    {
        Assert.That(LinkValidator.Validate(Valid with { Id = null }, pathId: "SuperGame1").Link!.Id, Is.EqualTo("supergame1"));
        Assert.That(LinkValidator.Validate(Valid with { Id = "SUPERGAME1" }, pathId: "supergame1").Rejection, Is.Null);
    }
}
