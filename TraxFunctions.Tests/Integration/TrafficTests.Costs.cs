using Trax.Traffic;

namespace Trax.Tests.Integration;

/// <summary>Costs that cannot be taken: a bad cost on /api/clicks and on /go, a bad upload; and an upload of the same key again.</summary>
public sealed partial class TrafficTests
{
    [Test]
    public async Task RegisterClicks_BadCost_IsRefusedAndNothingIsStoredOrCounted()
    {
        var answer = await trax.PostJsonAsync("/api/clicks",
            """[{"clickId": "n-1", "cost": -1}, {"clickId": "n-2", "cost": "20000"}, {"clickId": "n-3", "cost": "0.1", "currency": "XYZ"}, {"clickId": "n-4", "cost": "1.23456"}, {"clickId": "ok-1", "cost": "0.1", "currency": "usd"}]""");

        Assert.That(answer.StatusCode, Is.EqualTo(400));
        Assert.That(answer.Body!.Value.GetProperty("clicks").EnumerateArray().Select(c => c.TryGetProperty("reason", out var r) ? r.GetString() : c.GetProperty("status").GetString()),
            Is.EqualTo(new[] { "invalid-cost", "invalid-cost", "invalid-currency", "invalid-cost", "created" }));
        Assert.That((await trax.ClicksAsync()).Select(c => (c.ClickId, c.Cost, c.CostCurrency)), Is.EqualTo(new[] { ("ok-1", (decimal?)0.1m, "USD") }));
        Assert.That(CountedClickRows(), Is.EqualTo(1));
    }

    [Test]
    public async Task Go_BadCost_RedirectsAndStoresTheClickWithoutItsCost()
    {
        var id = await trax.VisitAsync("/go/supergame1?cost=abc");
        var other = await trax.VisitAsync("/go/supergame1?cost=0.10&currency=XYZ");

        var stored = (await trax.ClicksAsync()).ToDictionary(c => c.ClickId);
        Assert.That((stored[id].Cost, stored[id].Warnings), Is.EqualTo(((decimal?)null, new[] { "cost:invalid" })));
        Assert.That((stored[other].Cost, stored[other].Warnings), Is.EqualTo(((decimal?)null, new[] { "currency:invalid" })));
        Assert.That(CountedClickRows(), Is.EqualTo(2));
    }

    [TestCase("day,campaign,amount\r\n2026-11-20,november,10\r\n2026-11-21,\"november,5\r\n", "invalid-csv", 3)]
    [TestCase("day,campaign,amount\r\n2026-11-20,november,10\r\n2026-11-21,november,-5\r\n", "invalid-cost", 3)]
    [TestCase("day,campaign,amount,currency\r\n2026-11-20,november,10,EUE\r\n", "invalid-currency", 2)]
    [TestCase("day,campaign,amount\r\n2026-13-01,november,10\r\n", "invalid-day", 2)]
    [TestCase("day,campaign,source,amount\r\n2026-11-20,november,news,10\r\n", "invalid-target", 2)]
    [TestCase("day,campaign,price\r\n2026-11-20,november,10\r\n", "invalid-header", 1)]
    public async Task UploadCosts_BadFile_Is400WithItsLineAndStoresNothing(string body, string reason, int line)
    {
        var answer = await trax.SendAsync(HttpRequests.Create("POST", "/api/costs", body, "text/csv"));

        Assert.That(answer.StatusCode, Is.EqualTo(400), answer.Text);
        Assert.That(answer.Body!.Value.GetProperty("reason").GetString(), Is.EqualTo(reason));
        Assert.That(answer.Body!.Value.GetProperty("line").GetInt64(), Is.EqualTo(line));
        Assert.That(await trax.Get<CostStore>().ListAsync(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task UploadCosts_LaterUploadOfTheSameKey_ReplacesItAndUnknownCampaignsAreAcceptedAndNamed()
    {
        var first = await trax.PostJsonAsync("/api/costs", """[{"day": "2026-11-20", "campaign": "november", "amount": 100}, {"day": "2026-11-20", "campaign": "dezember", "amount": "7.5", "currency": "USD"}]""");
        var second = await trax.PostJsonAsync("/api/costs", """[{"day": "2026-11-20", "campaign": "november", "amount": 80}, {"day": "2026-11-20", "link": "SuperGame1", "amount": 3}]""");

        Assert.That(first.StatusCode, Is.EqualTo(200), first.Text);
        Assert.That(first.Body!.Value.GetProperty("unknown").EnumerateArray().Select(u => $"{u.GetProperty("kind").GetString()}:{u.GetProperty("value").GetString()}"),
            Is.EqualTo(new[] { "campaign:dezember" }));
        Assert.That(second.Body!.Value.GetProperty("unknown").GetArrayLength(), Is.Zero, "the link id is matched as links are, in lower case");
        var stored = await trax.Get<CostStore>().ListAsync(DateOnly.Parse(Day), DateOnly.Parse(Day), CancellationToken.None);
        Assert.That(stored.Select(c => $"{c.Kind}:{c.Value}:{c.Amount}:{c.Currency}").Order(StringComparer.Ordinal),
            Is.EqualTo(new[] { "campaign:dezember:7.5:USD", "campaign:november:80:", "link:supergame1:3:" }));
    }
}
