namespace Trax.Tests.Integration;

/// <summary>The generated month reconciled: every row in the category its scenario calls, and a rerun once the queue and the poison queue are processed.</summary>
public sealed partial class ReconciliationTests
{
    [Test]
    public async Task Reconcile_AMonthOfTraffic_PutsEveryRowInTheCategoryItsScenarioCalls()
    {
        var items = Generate(new Random(2212));
        await SendTrafficAsync(items);

        trax.Requests.Reset();
        var answer = await ReconcileAsync(ExportCsv(items));
        var requests = trax.RequestsByKind();

        Assert.That(answer.StatusCode, Is.EqualTo(201), answer.Text);
        var summary = answer.Body!.Value;
        var id = summary.GetProperty("id").GetString()!;
        var rows = await AllRowsAsync(id, pageSize: 37);
        var expected = Expected(items);

        // Every export line is in the category its scenario calls for, with Trax's reason; Trax's own conversions too.
        Assert.That(
            rows.Where(r => r.Line is not null).ToDictionary(r => r.Line!.Value, r => r.Describe()),
            Is.EquivalentTo(expected.Where(e => e.Line is not null).ToDictionary(e => e.Line!.Value, e => e.Describe())));
        Assert.That(
            rows.Where(r => r.Line is null).Select(r => r.Describe()),
            Is.EquivalentTo(expected.Where(e => e.Line is null).Select(e => e.Describe())));

        // The totals: each category's count, the export's rows, and Trax's conversions received in the period.
        var categories = summary.GetProperty("categories").EnumerateArray().ToDictionary(c => c.GetProperty("category").GetString()!, c => c);
        foreach (var category in expected.GroupBy(e => e.Category))
        {
            Assert.That(categories[category.Key].GetProperty("rows").GetInt32(), Is.EqualTo(category.Count()), category.Key);
        }

        var traxInPeriod = items.Count(i => Stores(i.Scenario) && InPeriod(i.ReceivedAt));
        Assert.That(summary.GetProperty("exportRows").GetInt32(), Is.EqualTo(expected.Count(e => e.Line is not null)));
        Assert.That(categories.Values.Sum(c => c.GetProperty("exportRows").GetInt32()), Is.EqualTo(summary.GetProperty("exportRows").GetInt32()));
        Assert.That(summary.GetProperty("traxConversions").GetInt32(), Is.EqualTo(traxInPeriod));
        Assert.That(categories.Values.Sum(c => c.GetProperty("traxConversions").GetInt32()), Is.EqualTo(traxInPeriod));
        Assert.That(summary.GetProperty("queueComplete").GetBoolean(), Is.True);

        // Every scenario is there, in the period, at least once: the month is not a degenerate draw.
        Assert.That(expected.Select(e => e.Category).Distinct(), Is.EquivalentTo(new[]
        {
            "matched", "status-differs", "amount-differs", "only-in-export", "only-in-trax", "outside-period", "duplicate",
        }));
        Assert.That(expected.Where(e => e.Reason is not null).Select(e => e.Reason + ":" + e.LogReason).Distinct(), Is.EquivalentTo(new[]
        {
            "refused:invalid-token", "refused:ip-not-allowed", "refused:unreplaced-macro", "never-arrived:", "queued:", "poison:",
        }));

        // Reading the log is bounded: one range query per UTC day and shard for the index and for the refusals, over
        // the period's UTC days and three more each side (29 October to 4 December: 37 days), and nothing else.
        var logQueries = requests.Where(r => r.Request.Resource == "PostbackLog").ToList();
        Assert.That(logQueries.Select(r => r.Request.Operation).Distinct(), Is.EqualTo(new[] { "query" }));
        Assert.That(logQueries.Sum(r => r.Count), Is.EqualTo(2 * 8 * 37));
        Assert.That(requests.Where(r => r.Request.Resource is "Conversions" or "Clicks"), Is.Empty);
        var total = requests.Sum(r => r.Count);
        var lines = expected.Count(e => e.Line is not null);
        TestContext.Out.WriteLine($"{lines} export rows, {rows.Count} result rows: {total} storage requests ({1000.0 * total / lines:F1} per 1,000 export rows)");
        foreach (var (request, count) in requests)
        {
            TestContext.Out.WriteLine($"  {count,5} × {request}");
        }
    }

    [Test]
    public async Task Rerun_AfterTheQueueIsProcessedAndThePoisonReplayed_FindsThoseConversions()
    {
        var items = Generate(new Random(7));
        await SendTrafficAsync(items);
        var first = (await ReconcileAsync(ExportCsv(items))).Body!.Value.GetProperty("id").GetString()!;

        // The operator replays the poison queue, and the processor catches up.
        foreach (var message in (await trax.RawPoisonQueue.ReceiveMessagesAsync(32)).Value)
        {
            await trax.RawQueue.SendMessageAsync(message.MessageText);
            await trax.RawPoisonQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        await trax.DrainAsync();
        var rerun = await trax.SendAsync(HttpRequests.Create("POST", $"/api/reconciliations/{first}/rerun"));

        Assert.That(rerun.StatusCode, Is.EqualTo(201), rerun.Text);
        Assert.That(rerun.Field("rerunOf"), Is.EqualTo(first));
        var rows = await AllRowsAsync(rerun.Field("id")!, pageSize: 500);
        var late = items.Where(i => i.Scenario is Scenario.Queued or Scenario.Poison && InPeriod(i.ExportTime)).Select(i => i.ClickId).ToHashSet();
        Assert.That(late, Is.Not.Empty);

        // Trax now has them, received after the period: outside it, not missing.
        Assert.That(rows.Where(r => late.Contains(r.ClickId)).Select(r => r.Category).Distinct(), Is.EqualTo(new[] { "outside-period" }));
        Assert.That(rows.Count(r => r.Line is not null), Is.EqualTo(items.Sum(ExportLines)));
    }

    private static bool InPeriod(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, StJohns).DateTime) is var day && day >= First && day <= Last;

    private static bool Stores(Scenario scenario) => scenario is Scenario.Matched or Scenario.SentTwice or Scenario.ExportDuplicate
        or Scenario.StatusChangedInTrax or Scenario.StatusChangedInExport or Scenario.AmountOffByACent or Scenario.OnlyInTrax;

    /// <summary>What each export line and each Trax conversion should come out as, from its scenario and the zone's days.</summary>
    private static List<Expectation> Expected(List<Item> items)
    {
        var expected = new List<Expectation>();
        var line = 1L;
        foreach (var item in items)
        {
            if (item.Scenario == Scenario.OnlyInTrax)
            {
                if (InPeriod(item.ReceivedAt))
                {
                    expected.Add(new Expectation(null, item.ClickId, "only-in-trax", null, null));
                }

                continue;
            }

            line++;
            var exportIn = InPeriod(item.ExportTime);
            if (Stores(item.Scenario))
            {
                var category = !exportIn || !InPeriod(item.ReceivedAt) ? "outside-period" : item.Scenario switch
                {
                    Scenario.StatusChangedInTrax or Scenario.StatusChangedInExport => "status-differs",
                    Scenario.AmountOffByACent => "amount-differs",
                    _ => "matched",
                };
                expected.Add(new Expectation(line, item.ClickId, category, null, null));
            }
            else
            {
                var (reason, logReason) = item.Scenario switch
                {
                    Scenario.InvalidToken => ("refused", "invalid-token"),
                    Scenario.IpNotAllowed => ("refused", "ip-not-allowed"),
                    Scenario.UnreplacedMacro => ("refused", "unreplaced-macro"),
                    Scenario.Queued => ("queued", null),
                    Scenario.Poison => ("poison", (string?)null),
                    _ => ("never-arrived", null),
                };
                expected.Add(exportIn
                    ? new Expectation(line, item.ClickId, "only-in-export", reason, logReason)
                    : new Expectation(line, item.ClickId, "outside-period", null, null));
            }

            if (item.Scenario == Scenario.ExportDuplicate)
            {
                line++;
                expected.Add(new Expectation(line, item.ClickId, "duplicate", null, null));
            }
        }

        return expected;
    }

    private sealed record Expectation(long? Line, string ClickId, string Category, string? Reason, string? LogReason)
    {
        public string Describe() => $"{ClickId} {Category} {Reason} {LogReason}";
    }
}
