using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Trax.Core;
using Trax.Extensions;
using Trax.Storage;

namespace Trax.Tests.Postbacks;

/// <summary>A network's status value read as pending, approved or rejected: the defaults, a network's own values, the unknown.</summary>
public sealed class StatusMapTests
{
    private static readonly StatusMap Defaults = new(Options.Create(new NetworkOptions()));

    [TestCase("approved"), TestCase("approve"), TestCase("confirmed"), TestCase("success"), TestCase("sale"), TestCase("paid"), TestCase("1")]
    [TestCase("APPROVED"), TestCase("Paid")]
    public void Map_DefaultApprovedSpelling_IsApproved(string value) => AssertMaps(Defaults, value, ConversionStatus.Approved);

    [TestCase("pending"), TestCase("hold"), TestCase("new"), TestCase("processing"), TestCase("0"), TestCase("HOLD")]
    public void Map_DefaultPendingSpelling_IsPending(string value) => AssertMaps(Defaults, value, ConversionStatus.Pending);

    [TestCase("rejected"), TestCase("reject"), TestCase("declined"), TestCase("denied"), TestCase("cancelled"), TestCase("canceled")]
    [TestCase("reversed"), TestCase("refund"), TestCase("refunded"), TestCase("chargeback"), TestCase("fraud"), TestCase("trash"), TestCase("-1")]
    [TestCase("ChargeBack")]
    public void Map_DefaultRejectedSpelling_IsRejected(string value) => AssertMaps(Defaults, value, ConversionStatus.Rejected);

    [TestCase(null)]
    [TestCase("")]
    public void Map_NoStatus_IsNoWordOnTheStatus(string? value) => Assert.That(Defaults.Map(value, "AffiliateWeb"), Is.Null);

    [TestCase("paid_out")]
    [TestCase("2")]
    [TestCase("approved-ish")]
    public void Map_UnknownValue_IsPendingAndNotKnown(string value)
    {
        Assert.That(Defaults.Map(value, "AffiliateWeb", out var known), Is.EqualTo(ConversionStatus.Pending));
        Assert.That(known, Is.False);
    }

    [Test]
    public void Map_NetworkOverrideFromEnvironmentStyleSettings_WinsForThatNetworkOnly()
    {
        // Trax__Networks__AffiliateWeb__Statuses__paid_out=approved, as App Settings would give it.
        var map = FromSettings(new()
        {
            ["Trax:Networks:AffiliateWeb:Statuses:paid_out"] = "approved",
            ["Trax:Networks:AffiliateWeb:Statuses:1"] = "pending",
            ["Trax:Networks:Casino77:Statuses:void"] = "Rejected",
        });

        AssertMaps(map, "PAID_OUT", ConversionStatus.Approved, network: "affiliateweb");
        AssertMaps(map, "1", ConversionStatus.Pending, network: "AffiliateWeb");
        AssertMaps(map, "1", ConversionStatus.Approved, network: "Casino77");
        AssertMaps(map, "void", ConversionStatus.Rejected, network: "Casino77");
        AssertMaps(map, "refund", ConversionStatus.Rejected, network: "AffiliateWeb");
        Assert.That(map.Map("paid_out", "Casino77", out var known), Is.EqualTo(ConversionStatus.Pending), "another network's value is unknown");
        Assert.That(known, Is.False);
        Assert.That(map.Map("paid_out", null, out _), Is.EqualTo(ConversionStatus.Pending));
    }

    [Test]
    public void Options_OverrideNamingNoTraxStatus_StopsTheAppFromStarting()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => FromSettings(new() { ["Trax:Networks:AffiliateWeb:Statuses:paid"] = "booked" }));

        Assert.That(failure!.Message, Does.Contain("Trax:Networks:AffiliateWeb:Statuses:paid is 'booked'"));
    }

    private static StatusMap FromSettings(Dictionary<string, string?> settings)
    {
        settings[StorageConnection.Name] = "UseDevelopmentStorage=true";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddTrax(configuration).BuildServiceProvider();
        _ = services.GetRequiredService<IOptions<NetworkOptions>>().Value;
        return services.GetRequiredService<StatusMap>();
    }

    private static void AssertMaps(StatusMap map, string? value, ConversionStatus expected, string? network = "AffiliateWeb")
    {
        Assert.That(map.Map(value, network, out var known), Is.EqualTo(expected), value);
        Assert.That(known, Is.True, value);
    }
}
