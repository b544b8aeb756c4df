using System.Globalization;
using System.Text;

namespace Trax.Tests.Integration;

/// <summary>What a run is given: bad input refused with its reason, a currency column of no currencies, a second run without a mapping.</summary>
public sealed partial class ReconciliationTests
{
    [TestCase("?network=AffiliateWeb&from=2026-11-01&to=2026-11-30&tz=UTC&clickid=subid&type=event", "clickid,event\r\nc-1,ftd\r\n", 400, "no-clickid-column", null)]
    [TestCase("?network=AffiliateWeb&from=2026-11-01&to=2026-11-30&tz=UTC&clickid=clickid&type=event&amount=revenue", "clickid,event\r\nc-1,ftd\r\n", 400, "unknown-column", null)]
    [TestCase("?network=AffiliateWeb&from=2026-11-01&to=2026-11-30&tz=UTC&clickid=clickid&type=event", "clickid,event\r\nc-1,ftd\r\nc-2,\"ftd\r\n", 400, "invalid-csv", 3)]
    [TestCase("?network=AffiliateWeb&from=2026-11-01&to=2026-11-30&tz=UTC", "clickid,event\r\nc-1,ftd\r\n", 400, "no-mapping", null)]
    [TestCase("?network=AffiliateWeb&from=2026-11-01&to=2026-11-30&tz=Mars/Olympus&preset=trax", "clickid\r\nc-1\r\n", 400, "invalid-time-zone", null)]
    [TestCase("?from=2026-11-01&to=2026-11-30&tz=UTC&preset=trax", "clickid\r\nc-1\r\n", 400, "missing-network", null)]
    public async Task Reconcile_BadInput_Answers400WithItsReasonAndStoresNothing(string query, string csv, int status, string reason, int? line)
    {
        var answer = await trax.SendAsync(HttpRequests.Create("POST", "/api/reconciliations" + query, csv, "text/csv"));

        Assert.That(answer.StatusCode, Is.EqualTo(status), answer.Text);
        Assert.That(answer.Field("reason"), Is.EqualTo(reason));
        Assert.That(answer.Body!.Value.TryGetProperty("line", out var at) ? at.GetInt32() : (int?)null, Is.EqualTo(line));
        Assert.That(await trax.Reconciliations.QueryAsync<Azure.Data.Tables.TableEntity>().CountAsync(), Is.Zero);
    }

    [Test]
    public async Task Reconcile_ACurrencyColumnOfNoCurrencies_Answers400WithItsLineAndStoresNothing()
    {
        // currency= mapped to the wrong column (here a landing page): 40 distinct values of 1,000 characters. Each is
        // a currency of its own in the summary's sums, which then no longer fits an Azure property (64 KiB).
        var csv = new StringBuilder("clickid,type,txid,status,payout,currency,time\r\n");
        for (var i = 0; i < 40; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"c-{i},ftd,,approved,100,https://lp.example/{i:D3}/{new string('x', 976)},2026-11-10 08:00:00\r\n");
        }

        var answer = await ReconcileAsync(csv.ToString());

        Assert.That(answer.StatusCode, Is.EqualTo(400), answer.Text);
        Assert.That((answer.Field("reason"), answer.Body!.Value.GetProperty("line").GetInt32()), Is.EqualTo(("invalid-currency", 2)));
        Assert.That(await trax.Reconciliations.QueryAsync<Azure.Data.Tables.TableEntity>().CountAsync(), Is.Zero);
    }

    [Test]
    public async Task Reconcile_SecondRunWithoutAMapping_UsesTheNetworksLastMappingAndZone()
    {
        var csv = "Sub ID,Event\r\nc-1,Deposit\r\n";
        var first = await ReconcileAsync(csv, "&clickid=Sub%20ID&type=Event&tz=Asia/Kathmandu");
        var second = await trax.SendAsync(HttpRequests.Create("POST", $"/api/reconciliations?network={Network}&from=2026-11-01&to=2026-11-30", csv, "text/csv"));

        Assert.That(first.StatusCode, Is.EqualTo(201), first.Text);
        Assert.That(second.StatusCode, Is.EqualTo(201), second.Text);
        Assert.That(second.Field("timeZone"), Is.EqualTo("Asia/Kathmandu"));
        Assert.That(second.Body!.Value.GetProperty("mapping").GetProperty("clickId").GetString(), Is.EqualTo("Sub ID"));
    }
}
