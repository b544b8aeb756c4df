using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Trax.Clicks;

namespace Trax.Tests.Integration;

/// <summary>
/// <c>/api/reconciliations</c> on Azurite against a generated month of one network's traffic in America/St_Johns
/// (−2:30, then −3:30 from 1 November): postbacks accepted, refused for each reason, never sent, sent twice, status
/// changed on one side only, amounts off by a cent, left in the queue or the poison queue, and rows across midnight
/// at both edges of the period. The expected category of every row is computed here from the scenario that made it
/// and the zone's local dates (TimeZoneInfo), not by the matcher.
/// </summary>
[Category("Integration")]
public sealed partial class ReconciliationTests
{
    private const string Network = "AffiliateWeb";
    private const string Token = "s3cret-network-token";
    private const string Zone = "America/St_Johns";
    private static readonly TimeZoneInfo StJohns = TimeZoneInfo.FindSystemTimeZoneById(Zone);
    private static readonly DateOnly First = new(2026, 11, 1);
    private static readonly DateOnly Last = new(2026, 11, 30);
    private static readonly DateTimeOffset TrafficStart = new(2026, 10, 30, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset TrafficEnd = new(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);

    private FakeTimeProvider clock = null!;
    private TraxApp trax = null!;

    private enum Scenario
    {
        Matched, SentTwice, ExportDuplicate, StatusChangedInTrax, StatusChangedInExport, AmountOffByACent,
        InvalidToken, IpNotAllowed, UnreplacedMacro, NeverSent, OnlyInTrax, Queued, Poison,
    }

    private sealed record Item(int N, Scenario Scenario, string Type, DateTimeOffset ExportTime, DateTimeOffset ReceivedAt, decimal? Payout)
    {
        public string ClickId => $"c-{N:D4}";

        public string? TxId => Type == "sale" ? $"T-{N}" : null;

        public string Query(string? status = null) =>
            $"clickid={ClickId}&network={Network}&token={Token}"
            + (TxId is null ? "" : $"&txid={TxId}")
            + (Payout is null ? "" : $"&payout={Payout.Value.ToString(CultureInfo.InvariantCulture)}&currency=EUR")
            + (status is null ? "" : $"&status={status}");
    }

    [SetUp]
    public async Task SetUpAsync()
    {
        clock = new FakeTimeProvider(TrafficStart.AddDays(-2));
        trax = await TraxApp.StartAsync(time: clock, settings: new Dictionary<string, string?>
        {
            [$"Trax:Security:Networks:{Network}:Token"] = Token,
            [$"Trax:Security:Networks:{Network}:AllowedIps"] = "203.0.113.0/24",
        });
    }

    [TearDown]
    public async Task TearDownAsync() => await trax.DisposeAsync();

    private async Task<Answer> ReconcileAsync(string csv, string mapping = "&preset=trax&tz=" + Zone) =>
        await trax.SendAsync(HttpRequests.Create("POST", $"/api/reconciliations?network={Network}&from=2026-11-01&to=2026-11-30{mapping}", csv, "text/csv"));

    private static int ExportLines(Item item) => item.Scenario switch
    {
        Scenario.OnlyInTrax => 0,
        Scenario.ExportDuplicate => 2,
        _ => 1,
    };

    /// <summary>
    /// 20 conversions per scenario at random times over the month and the days around it (the network's time first,
    /// Trax's receipt seconds to minutes later), plus four placed across the period's two midnights.
    /// </summary>
    private static List<Item> Generate(Random random)
    {
        var items = new List<Item>();
        var span = (TrafficEnd - TrafficStart).Ticks;
        string[] types = ["ftd", "reg", "sale"];
        foreach (var scenario in Enum.GetValues<Scenario>())
        {
            for (var k = 0; k < (scenario is Scenario.Queued or Scenario.Poison ? 10 : 20); k++)
            {
                var type = scenario is Scenario.UnreplacedMacro ? "sale" : scenario is Scenario.AmountOffByACent ? (k % 2 == 0 ? "ftd" : "sale") : types[random.Next(3)];
                var exportTime = TrafficStart.AddTicks((long)(random.NextDouble() * span));
                items.Add(new Item(items.Count + 1, scenario, type, exportTime, exportTime.AddSeconds(5 + random.Next(300)), Payout(type, random)));
            }
        }

        // Across midnight: 23:58 local on the period's last day, received 3 minutes later (the next day there); the
        // same at its first midnight; a row of the day before with no postback; Trax's own just after the start.
        DateTimeOffset Local(int month, int day, int hour, int minute, int second = 0) =>
            new(new DateTime(2026, month, day, hour, minute, second), StJohns.GetUtcOffset(new DateTime(2026, month, day, hour, minute, second)));
        items.Add(new Item(items.Count + 1, Scenario.Matched, "ftd", Local(11, 30, 23, 58), Local(11, 30, 23, 58).AddMinutes(3), 100m));
        items.Add(new Item(items.Count + 1, Scenario.Matched, "sale", Local(10, 31, 23, 59), Local(10, 31, 23, 59).AddMinutes(2), 20m));
        items.Add(new Item(items.Count + 1, Scenario.NeverSent, "reg", Local(10, 31, 23, 30), Local(10, 31, 23, 30), null));
        items.Add(new Item(items.Count + 1, Scenario.OnlyInTrax, "ftd", Local(11, 1, 0, 0, 30), Local(11, 1, 0, 0, 30), 100m));
        return items;
    }

    private static decimal? Payout(string type, Random random) => type switch
    {
        "ftd" => 100m,
        "sale" => 10m + random.Next(9000) / 100m,
        _ => null,
    };

    /// <summary>Plays the month in time order through the real postback function, then processes the queue like the host.</summary>
    private async Task SendTrafficAsync(List<Item> items)
    {
        await Parallel.ForEachAsync(items, async (item, _) =>
            await trax.SeedClickAsync(new Click { ClickId = item.ClickId, ClickedAt = TrafficStart.AddDays(-1), Attributes = new() { Network = Network } }));
        var events = new List<(DateTimeOffset At, Item Item, string Query, string? Address)>();
        foreach (var item in items)
        {
            switch (item.Scenario)
            {
                case Scenario.Matched or Scenario.ExportDuplicate or Scenario.StatusChangedInExport or Scenario.AmountOffByACent or Scenario.OnlyInTrax:
                    events.Add((item.ReceivedAt, item, item.Query("approved"), null));
                    break;
                case Scenario.SentTwice:
                    events.Add((item.ReceivedAt, item, item.Query("approved"), null));
                    events.Add((item.ReceivedAt.AddSeconds(30), item, item.Query("approved"), null));
                    break;
                case Scenario.StatusChangedInTrax:
                    events.Add((item.ReceivedAt, item, item.Query("approved"), null));
                    events.Add((item.ReceivedAt.AddDays(1), item, item.Query("chargeback"), null));
                    break;
                case Scenario.InvalidToken:
                    events.Add((item.ReceivedAt, item, item.Query("approved").Replace(Token, "wrong-token"), null));
                    break;
                case Scenario.IpNotAllowed:
                    events.Add((item.ReceivedAt, item, item.Query("approved"), "198.51.100.9"));
                    break;
                case Scenario.UnreplacedMacro:
                    events.Add((item.ReceivedAt, item, item.Query("approved").Replace($"clickid={item.ClickId}", "clickid=%7Bclickid%7D"), null));
                    break;
            }
        }

        foreach (var (at, item, query, address) in events.OrderBy(e => e.At))
        {
            if (item.Scenario == Scenario.StatusChangedInTrax && query.Contains("chargeback", StringComparison.Ordinal))
            {
                // The day-later word is processed after the first, as in life: racing in one batch, either could create
                // the conversion, and a conversion's day is its creator's (the scenario is a status change, not that race).
                await trax.DrainAsync();
            }

            clock.SetUtcNow(at);
            var request = HttpRequests.Create("GET", $"/wp-json/trax/v1/{item.Type}?{query}");
            if (address is not null)
            {
                request.HttpContext.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(address);
            }

            var answer = await trax.SendAsync(request);
            var refused = item.Scenario is Scenario.InvalidToken or Scenario.IpNotAllowed or Scenario.UnreplacedMacro;
            Assert.That(answer.StatusCode is >= 200 and < 300, Is.EqualTo(!refused), $"{item.Scenario}: {answer.Text}");
        }

        await trax.DrainAsync();

        // Postbacks that failed every attempt (moved to the poison queue as the host does), then some still waiting.
        foreach (var item in items.Where(i => i.Scenario == Scenario.Poison))
        {
            await trax.SendAsync(HttpRequests.Create("GET", $"/wp-json/trax/v1/{item.Type}?{item.Query("approved")}"));
        }

        foreach (var message in await trax.ReceiveAllAsync())
        {
            await trax.RawPoisonQueue.SendMessageAsync(message.MessageText);
            await trax.RawQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        foreach (var item in items.Where(i => i.Scenario == Scenario.Queued))
        {
            await trax.SendAsync(HttpRequests.Create("GET", $"/wp-json/trax/v1/{item.Type}?{item.Query("approved")}"));
        }
    }

    /// <summary>The network's export: every item but Trax's own, a duplicate's row twice, local times without an offset.</summary>
    private static string ExportCsv(List<Item> items)
    {
        var csv = new StringBuilder("clickid,type,txid,status,payout,currency,time\r\n");
        foreach (var item in items.Where(i => ExportLines(i) > 0))
        {
            var amount = item.Scenario == Scenario.AmountOffByACent ? item.Payout + 0.01m : item.Payout;
            var status = item.Scenario == Scenario.StatusChangedInExport ? "reversed" : "approved";
            var word = item.Type switch { "ftd" => "FTD", "reg" => "Registration", _ => "sale" };
            var local = TimeZoneInfo.ConvertTime(item.ExportTime, StJohns).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            var line = $"{item.ClickId},{word},{item.TxId},{status},{amount?.ToString(CultureInfo.InvariantCulture)},{(amount is null ? "" : "EUR")},{local}\r\n";
            for (var n = 0; n < ExportLines(item); n++)
            {
                csv.Append(line);
            }
        }

        return csv.ToString();
    }

    private async Task<List<Expectation>> AllRowsAsync(string id, int pageSize)
    {
        var rows = new List<Expectation>();
        string? continuation = null;
        do
        {
            var page = await trax.GetAsync($"/api/reconciliations/{id}/rows?limit={pageSize}" + (continuation is null ? "" : "&continuation=" + Uri.EscapeDataString(continuation)));
            Assert.That(page.StatusCode, Is.EqualTo(200), page.Text);
            var body = page.Body!.Value;
            rows.AddRange(body.GetProperty("rows").EnumerateArray().Select(r => new Expectation(
                r.TryGetProperty("line", out var line) ? line.GetInt64() : null,
                r.GetProperty("clickId").GetString()!,
                r.GetProperty("category").GetString()!,
                r.TryGetProperty("reason", out var reason) ? reason.GetString() : null,
                r.TryGetProperty("logReason", out var logReason) ? logReason.GetString() : null)));
            continuation = body.TryGetProperty("continuation", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (continuation is not null);
        return rows;
    }
}
