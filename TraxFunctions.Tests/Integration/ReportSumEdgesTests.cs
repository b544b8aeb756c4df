using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using Trax.PostbackLog;

namespace Trax.Tests.Integration;

/// <summary>
/// Report sums at their edges that a hostile review found broken, each failing on Azurite before its fix: payout sums
/// that overflow a decimal (rows stored before intake bounded payouts) must be said, never a 500; the base total's
/// counts are the report's, whatever rates were found.
/// </summary>
[Category("Integration")]
public sealed class ReportSumEdgesTests
{
    private const string Day = "2026-11-20";

    private static readonly DateTimeOffset Now = new(2026, 11, 20, 15, 7, 0, TimeSpan.Zero);

    [TestCase(null, "json", 0)]
    [TestCase(null, "csv", 0)]
    [TestCase("EUR", "json", 0)]
    [TestCase("USD", "csv", 0)]
    [TestCase(null, "json", 1)]
    [TestCase("EUR", "csv", 1)]
    public async Task TrafficReport_PayoutSumsThatOverflow_AreSaidNotA500(string? baseCurrency, string format, int daysApart)
    {
        // The conversion report said "payoutOverflow" for these rows; the traffic report added them with an unchecked
        // decimal + and answered 500.
        var clock = new FakeTimeProvider(Now);
        await using var trax = await TraxApp.StartAsync(time: clock, settings: new Dictionary<string, string?> { ["Trax:Reports:BaseCurrency"] = baseCurrency });
        await trax.SendAsync(HttpRequests.Json("PUT", $"/api/rates/{Day}", """{"base": "EUR", "rates": {"USD": 1.25}}"""));
        await trax.SendAsync(HttpRequests.Json("PUT", "/api/rates/2026-11-19", """{"base": "EUR", "rates": {"USD": 1.25}}"""));
        await SeedOldRowsAsync(trax, Now.AddHours(-3), Now.AddHours(-2).AddDays(-daysApart));

        // Each day's sum fits, but not the two days' together (daysApart 1).
        var answer = await trax.GetAsync($"/api/reports/traffic?from={Now.AddDays(-daysApart):yyyy-MM-dd}&to={Day}&format={format}");

        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        if (format == "csv")
        {
            var record = Rfc4180.Parse(answer.Text)[1];
            Assert.That(record[1], Is.EqualTo("2"), "the counts stand");
            Assert.That(record[7], Is.EqualTo("overflow"), "revenue");
            return;
        }

        var totals = answer.Body!.Value.GetProperty("totals");
        Assert.That(totals.GetProperty("conversions").GetInt64(), Is.EqualTo(2), "the counts stand");
        Assert.That(totals.GetProperty("revenue").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [TestCase("complete")]
    [TestCase("missing-rate")]
    [TestCase("rates-unavailable")]
    public async Task ReportBase_ConversionsWithoutPayoutOrRate_AreCountedAsInTheTotals(string rates)
    {
        // base.conversions counted only the (UTC day, currency) sums it converted: a conversion without a payout, a
        // day without a rate, and every conversion when the rates could not be read were left out (0 for an outage).
        var clock = new FakeTimeProvider(Now);
        await using var trax = await TraxApp.StartAsync(time: clock, settings: new Dictionary<string, string?> { ["Trax:Reports:BaseCurrency"] = "EUR" });
        if (rates != "missing-rate")
        {
            await trax.SendAsync(HttpRequests.Json("PUT", $"/api/rates/{Day}", """{"base": "EUR", "rates": {"USD": 1.25}}"""));
        }

        await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=n-1&payout=12.50&currency=USD");
        await trax.GetAsync("/wp-json/trax/v1/reg?clickid=n-2");
        await trax.GetAsync("/wp-json/trax/v1/sale?clickid=n-3&payout=5&currency=EUR&status=rejected");
        await trax.DrainAsync();
        if (rates == "rates-unavailable")
        {
            trax.Faults.Fail(StorageFaults.Table("Rates"), InjectedFault.ServerBusy, times: 100);
        }

        var answer = await trax.GetAsync($"/api/reports/conversions?from={Day}&to={Day}");

        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        var inBase = answer.Body!.Value.GetProperty("base");
        Assert.That(answer.Body!.Value.GetProperty("conversions").GetInt64(), Is.EqualTo(2), "the ftd and the reg");
        Assert.That((inBase.GetProperty("conversions").GetInt64(), inBase.GetProperty("rejected").GetInt64()), Is.EqualTo((2L, 1L)), answer.Text);
        Assert.That(inBase.GetProperty("complete").GetBoolean(), Is.EqualTo(rates == "complete"));
        Assert.That(inBase.GetProperty("payout").ValueKind, Is.EqualTo(rates == "complete" ? JsonValueKind.Number : JsonValueKind.Null));
    }

    /// <summary>Two sales of the largest decimal each, as an earlier version stored them (no bound at intake), at those times.</summary>
    internal static async Task SeedOldRowsAsync(TraxApp trax, params DateTimeOffset[] receivedAt)
    {
        for (var i = 0; i < receivedAt.Length; i++)
        {
            var id = $"019000000000000000000000000000{i:x2}";
            await trax.PostbackLog.AddEntityAsync(new TableEntity(PostbackLogKeys.LogPartition(receivedAt[i], id), PostbackLogKeys.DayIndexRow(id))
            {
                ["Day"] = receivedAt[i].ToString("yyyy-MM-dd"), ["Type"] = "sale", ["Currency"] = "EUR", ["Payout"] = "79228162514264337593543950335",
                ["ClickId"] = "c-" + id, ["ConversionKey"] = "sale", ["PostbackId"] = id, ["ReceivedAt"] = receivedAt[i],
            });
        }
    }
}
