using Trax.Clicks;

namespace Trax.Tests.Integration;

/// <summary>A run read back: its rows filtered by category, and its CSV with formulas escaped.</summary>
public sealed partial class ReconciliationTests
{
    [Test]
    public async Task Rows_FilteredByCategoryAndTheCsv_ShowTheSameRowsWithFormulasEscaped()
    {
        await trax.SeedClickAsync(new Click { ClickId = "c-1", ClickedAt = TrafficStart });
        clock.SetUtcNow(new DateTimeOffset(2026, 11, 10, 12, 0, 0, TimeSpan.Zero));
        await trax.GetAsync($"/wp-json/trax/v1/sale?clickid=c-1&network={Network}&token={Token}&txid=T-1&payout=10&currency=EUR");
        await trax.DrainAsync();
        var csv = "clickid,type,txid,status,payout,currency,time\r\n"
            + "c-1,sale,T-1,approved,10.01,EUR,2026-11-10 08:00:00\r\n"
            + "c-2,sale,\"=HYPERLINK(\"\"http://x.example\"\")\",approved,5,EUR,2026-11-10 08:00:00\r\n"
            + "c-2,sale,\"=HYPERLINK(\"\"http://x.example\"\")\",approved,5,EUR,2026-11-10 08:00:00\r\n";

        var answer = await ReconcileAsync(csv);
        Assert.That(answer.StatusCode, Is.EqualTo(201), answer.Text);
        var id = answer.Field("id")!;
        var differs = await trax.GetAsync($"/api/reconciliations/{id}/rows?category=amount-differs");
        var download = await trax.GetAsync($"/api/reconciliations/{id}/csv");

        var row = differs.Body!.Value.GetProperty("rows").EnumerateArray().Single();
        Assert.That((row.GetProperty("exportAmount").GetDecimal(), row.GetProperty("traxAmount").GetDecimal()), Is.EqualTo((10.01m, 10m)));
        Assert.That(row.GetProperty("conversionId").GetString(), Is.EqualTo("c-1/sale:T-1"));
        var lines = download.Text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(4));
        Assert.That(lines[2], Does.Contain("\"'=HYPERLINK(\"\"http://x.example\"\")\""));
        Assert.That(lines[3], Does.StartWith("3,duplicate,"));
    }
}
