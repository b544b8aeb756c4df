using Trax.Clicks;

namespace Trax.Tests.Integration;

/// <summary>The CSV download of a reconciliation read beside the network's export: its times are the zone's.</summary>
public sealed partial class ReconciliationTests
{
    [Test]
    public async Task Csv_OfAZonesReconciliation_WritesEveryTimeInThatZoneWithItsOffset()
    {
        // 23:58 in St John's on the period's last day (03:28 UTC on 1 December), received three minutes later: the
        // next day there. In UTC both times read as December, and the row as if outside the period for its export side too.
        await trax.SeedClickAsync(new Click { ClickId = "c-1", ClickedAt = TrafficStart, Attributes = new() { Network = Network } });
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 3, 31, 0, TimeSpan.Zero));
        await trax.GetAsync($"/wp-json/trax/v1/ftd?clickid=c-1&network={Network}&token={Token}&payout=100&currency=EUR");
        await trax.DrainAsync();
        var answer = await ReconcileAsync("clickid,type,txid,status,payout,currency,time\r\nc-1,ftd,,approved,100,EUR,2026-11-30 23:58:00\r\n");
        Assert.That(answer.StatusCode, Is.EqualTo(201), answer.Text);

        var download = await trax.GetAsync($"/api/reconciliations/{answer.Field("id")}/csv");

        var lines = download.Text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        var row = lines[1].Split(',');
        string Cell(string name) => row[Array.IndexOf(header, name)];
        Assert.That(Cell("category"), Is.EqualTo("outside-period"));
        Assert.That((Cell("export_time"), Cell("trax_received_at")), Is.EqualTo(("2026-11-30T23:58:00-03:30", "2026-12-01T00:01:00-03:30")));
    }
}
