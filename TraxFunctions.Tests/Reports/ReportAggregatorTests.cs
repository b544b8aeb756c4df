using Trax.PostbackLog;
using Trax.Reports;

namespace Trax.Tests.Reports;

public sealed class ReportAggregatorTests
{
    private static readonly ReportRequest Week = new(new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 29), [], ReportRequest.Json);

    [Test]
    public void Result_NoGrouping_SumsPerCurrencyExactly()
    {
        var aggregator = new ReportAggregator([]);
        aggregator.Add(Row("2026-11-25", "sale", payout: "0.10", currency: "EUR"));
        aggregator.Add(Row("2026-11-25", "sale", payout: "0.20", currency: "EUR"));
        aggregator.Add(Row("2026-11-26", "sale", payout: "10", currency: "USD"));
        aggregator.Add(Row("2026-11-26", "ftd"));

        var result = aggregator.Result(Week);

        Assert.That(result.Conversions, Is.EqualTo(4));
        Assert.That(result.Rows.Select(r => (r.Currency, r.Sums.Net.Conversions, r.Sums.Net.Payout)), Is.EqualTo(new (string?, long, decimal?)[]
        {
            (null, 1, null), ("EUR", 2, 0.30m), ("USD", 1, 10m),
        }));
        Assert.That(result.Totals.Select(t => (t.Currency, t.Sums.Net.Conversions, t.Sums.Net.Payout)), Is.EqualTo(new (string?, long, decimal?)[]
        {
            (null, 1, null), ("EUR", 2, 0.30m), ("USD", 1, 10m),
        }));
    }

    [Test]
    public void Result_GroupByDayAndType_OneRowPerGroupAndCurrencyInOrder()
    {
        var aggregator = new ReportAggregator(["day", "type"]);
        aggregator.Add(Row("2026-11-26", "ftd", payout: "25", currency: "EUR"));
        aggregator.Add(Row("2026-11-25", "reg"));
        aggregator.Add(Row("2026-11-25", "ftd", payout: "25", currency: "EUR"));
        aggregator.Add(Row("2026-11-25", "ftd", payout: "30", currency: "EUR"));
        aggregator.Add(Row("2026-11-25", "ftd", currency: "EUR"));

        var rows = aggregator.Result(Week with { GroupBy = ["day", "type"] }).Rows;

        Assert.That(rows.Select(r => string.Join('|', r.Dimensions) + $"|{r.Currency}|{r.Sums.Net.Conversions}|{r.Sums.Net.Payout}"), Is.EqualTo(new[]
        {
            "2026-11-25|ftd|EUR|3|55",
            "2026-11-25|reg||1|",
            "2026-11-26|ftd|EUR|1|25",
        }));
    }

    [Test]
    public void Result_GroupByCampaignInTheGivenOrder_MissingValueIsItsOwnGroup()
    {
        var aggregator = new ReportAggregator(["campaign", "network"]);
        aggregator.Add(Row("2026-11-25", "ftd", network: "AffiliateWeb", campaign: "winter"));
        aggregator.Add(Row("2026-11-25", "ftd", network: "AffiliateWeb", campaign: null));
        aggregator.Add(Row("2026-11-26", "reg", network: "AffiliateWeb", campaign: "winter"));

        var rows = aggregator.Result(Week with { GroupBy = ["campaign", "network"] }).Rows;

        Assert.That(rows.Select(r => (r.Dimensions[0], r.Dimensions[1], r.Sums.Net.Conversions)), Is.EqualTo(new (string?, string?, long)[]
        {
            (null, "AffiliateWeb", 1), ("winter", "AffiliateWeb", 2),
        }));
    }

    [Test]
    public void ToCsv_Result_HasHeaderThenOneRecordPerRow()
    {
        var aggregator = new ReportAggregator(["network"]);
        aggregator.Add(Row("2026-11-25", "sale", network: "Acme, Inc.", payout: "1.50", currency: "EUR"));
        var request = Week with { GroupBy = ["network"], Format = ReportRequest.Csv };

        var csv = ConversionReport.ToCsv(aggregator.Result(request));

        Assert.That(csv, Is.EqualTo("network,currency,conversions,payout,rejected,rejectedPayout\r\n\"Acme, Inc.\",EUR,1,1.50,0,\r\n"));
    }

    [Test]
    public void Result_SumThatOverflows_IsReportedAsOverflowedNotAsAnError()
    {
        // Rows stored before payouts were bounded at intake can hold decimal's maximum.
        var aggregator = new ReportAggregator([]);
        aggregator.Add(Row("2026-11-25", "sale", payout: "79228162514264337593543950335", currency: "EUR"));
        aggregator.Add(Row("2026-11-25", "sale", payout: "79228162514264337593543950335", currency: "EUR"));
        aggregator.Add(Row("2026-11-25", "sale", payout: "5", currency: "USD"));

        var result = aggregator.Result(Week);

        Assert.That(result.Conversions, Is.EqualTo(3));
        Assert.That(result.Totals.Select(t => (t.Currency, t.Sums.Net.Conversions, t.Sums.Net.Payout, t.Sums.Net.Overflow)), Is.EqualTo(new (string?, long, decimal?, bool)[]
        {
            ("EUR", 2, null, true), ("USD", 1, 5m, false),
        }));
    }

    [Test]
    public void ToCsv_OverflowedSum_SaysSo()
    {
        var aggregator = new ReportAggregator([]);
        aggregator.Add(Row("2026-11-25", "sale", payout: "79228162514264337593543950335", currency: "EUR"));
        aggregator.Add(Row("2026-11-25", "sale", payout: "1", currency: "EUR"));

        Assert.That(ConversionReport.ToCsv(aggregator.Result(Week with { Format = ReportRequest.Csv })), Is.EqualTo("currency,conversions,payout,rejected,rejectedPayout\r\nEUR,2,overflow,0,\r\n"));
    }

    [Test]
    public void ToCsv_TextThatStartsAFormula_IsEscapedUnlessExactValuesAreAsked()
    {
        var aggregator = new ReportAggregator(["network"]);
        aggregator.Add(Row("2026-11-25", "sale", network: "=2+5+cmd|' /C calc'!A0", payout: "-1.50", currency: "EUR"));
        var request = Week with { GroupBy = ["network"], Format = ReportRequest.Csv };

        var escaped = ConversionReport.ToCsv(aggregator.Result(request));
        var exact = ConversionReport.ToCsv(aggregator.Result(request with { EscapeFormulas = false }));

        Assert.That(escaped, Is.EqualTo("network,currency,conversions,payout,rejected,rejectedPayout\r\n'=2+5+cmd|' /C calc'!A0,EUR,1,-1.50,0,\r\n"),
            "the text is escaped; Trax's own negative number is not");
        Assert.That(exact, Is.EqualTo("network,currency,conversions,payout,rejected,rejectedPayout\r\n=2+5+cmd|' /C calc'!A0,EUR,1,-1.50,0,\r\n"));
    }

    [Test]
    public void Result_ConversionsByStatus_CountsAndSumsNetOfRejectionsWithRejectionsBeside()
    {
        var aggregator = new ReportAggregator([]);
        aggregator.Add(Row("2026-11-25", "sale", payout: "10", currency: "EUR"));
        aggregator.Add(Row("2026-11-25", "sale", payout: "5", currency: "EUR", status: "pending"));
        aggregator.Add(Row("2026-11-25", "sale", payout: "40", currency: "EUR", status: "rejected"));

        var result = aggregator.Result(Week);

        Assert.That(result.Conversions, Is.EqualTo(2), "a rejected conversion does not count");
        var total = result.Totals.Single().Sums;
        Assert.That((total.Net.Conversions, total.Net.Payout), Is.EqualTo((2L, (decimal?)15m)));
        Assert.That((total.Approved.Conversions, total.Approved.Payout), Is.EqualTo((1L, (decimal?)10m)));
        Assert.That((total.Pending.Conversions, total.Pending.Payout), Is.EqualTo((1L, (decimal?)5m)));
        Assert.That((total.Rejected.Conversions, total.Rejected.Payout), Is.EqualTo((1L, (decimal?)40m)));
        Assert.That(ConversionReport.ToCsv(aggregator.Result(Week with { Format = ReportRequest.Csv })),
            Is.EqualTo("currency,conversions,payout,rejected,rejectedPayout\r\nEUR,2,15,1,40\r\n"));
    }

    [Test]
    public void Result_GroupByStatus_OneRowPerStatus()
    {
        var aggregator = new ReportAggregator(["status"]);
        aggregator.Add(Row("2026-11-25", "sale", payout: "10", currency: "EUR"));
        aggregator.Add(Row("2026-11-25", "sale", payout: "2", currency: "EUR"));
        aggregator.Add(Row("2026-11-26", "sale", payout: "40", currency: "EUR", status: "rejected"));

        var rows = aggregator.Result(Week with { GroupBy = ["status"] }).Rows;

        Assert.That(rows.Select(r => $"{r.Dimensions[0]}|{r.Sums.Net.Conversions}|{r.Sums.Net.Payout}|{r.Sums.Rejected.Conversions}|{r.Sums.Rejected.Payout}"),
            Is.EqualTo(new[] { "approved|2|12|0|", "rejected|0||1|40" }));
    }

    [Test]
    public void Result_TotalsByAttribution_SumToTheTotalsAndListEveryAttribution()
    {
        var aggregator = new ReportAggregator(["attribution"]);
        aggregator.Add(Row("2026-11-25", "ftd", payout: "25", currency: "EUR"));
        aggregator.Add(Row("2026-11-25", "ftd", payout: "40", currency: "EUR", attribution: "unattributed"));
        aggregator.Add(Row("2026-11-25", "sale", payout: "5", currency: "EUR", attribution: "unattributed", status: "rejected"));
        aggregator.Add(Row("2026-11-26", "reg", attribution: "unattributed"));

        var result = aggregator.Result(Week with { GroupBy = ["attribution"] });

        Assert.That(result.Conversions, Is.EqualTo(3), "every stored conversion counts, net of rejections, attributed or not");
        var eur = result.Totals.Single(t => t.Currency == "EUR");
        Assert.That(eur.ByAttribution.Keys, Is.EqualTo(new[] { "attributed", "unattributed", "outside-window" }));
        Assert.That(eur.ByAttribution.Select(a => $"{a.Key}:{a.Value.Net.Conversions}/{a.Value.Net.Payout}/{a.Value.Rejected.Conversions}/{a.Value.Rejected.Payout}"),
            Is.EqualTo(new[] { "attributed:1/25/0/", "unattributed:1/40/1/5", "outside-window:0//0/" }));
        Assert.That(eur.ByAttribution.Values.Aggregate(Sums.Zero, (total, sums) => total.Plus(sums)), Is.EqualTo(eur.Sums));
        Assert.That(result.Rows.Select(r => $"{r.Dimensions[0]}|{r.Currency}|{r.Sums.Net.Conversions}"),
            Is.EqualTo(new[] { "attributed|EUR|1", "unattributed||1", "unattributed|EUR|1" }));
        Assert.That(ConversionReport.ToCsv(result), Does.StartWith("attribution,currency,conversions,payout,rejected,rejectedPayout\r\nattributed,EUR,1,25,0,\r\n"));
    }

    private static DayIndexEntry Row(
        string day, string type, string? network = "AffiliateWeb", string? campaign = null, string? payout = null, string? currency = null,
        string status = "approved", string attribution = "attributed") => new()
    {
        Status = status,
        Attribution = attribution,
        PostbackId = Guid.NewGuid().ToString("N"),
        ReceivedAt = new DateTimeOffset(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero),
        Type = type,
        ClickId = "c-1",
        ConversionKey = type,
        Network = network,
        Program = "SuperGame1",
        Campaign = campaign,
        Payout = Trax.Input.Payout.ParseStored(payout),
        Currency = currency,
    };
}
