using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Trax.Conversions;
using Trax.Core;

namespace Trax.Tests.Integration;

/// <summary>Redelivered messages: processed twice they change nothing, and a crash between the conversion and the log write is healed by the redelivery.</summary>
public sealed partial class ReportsTests
{
    [Test]
    public async Task Redelivery_EveryMessageProcessedTwice_ChangesNoTotalAndNoRow()
    {
        var messages = await QueueMixedLoadAsync();
        await ProcessAsync(messages);
        var once = await SnapshotAsync();

        await ProcessAsync(messages);
        await Task.WhenAll(messages.Select(m => trax.ProcessAsync(m)));
        var again = await SnapshotAsync();

        Assert.That(again.Report, Is.EqualTo(once.Report));
        Assert.That(again.Log, Is.EqualTo(once.Log));
        Assert.That(again.Conversions, Is.EqualTo(once.Conversions));
        Assert.That(again.LogTable, Is.EqualTo(once.LogTable), "the same rows with the same content");
        Assert.That(once.LogTable.Count(r => r.Contains("\"RowKey\":\"c-")), Is.EqualTo(6), "one index row per stored conversion, the orphan's too");
    }

    [Test]
    public async Task Process_CrashBetweenConversionAndLogWrite_RedeliveryHealsLogAndReport()
    {
        await trax.SeedClickAsync(Click("c-1001", "winter"));
        var answer = await trax.GetAsync("/wp-json/trax/v1/ftd?clickid=c-1001&payout=25.50&currency=EUR");
        var message = PostbackMessageJson.Deserialize(TraxApp.DecodeLikeTheTrigger((await trax.ReceiveAllAsync()).Single()));

        // First delivery: the conversion is stored, then the log write fails.
        trax.Faults.Fail(StorageFaults.Table("PostbackLog", "transaction"), InjectedFault.ServerBusy);
        await Assert.CatchAsync<Azure.RequestFailedException>(() => trax.Get<ConversionProcessor>().ProcessAsync(message, CancellationToken.None));
        Assert.That(await trax.ConversionsAsync(), Has.Count.EqualTo(1));
        Assert.That(await ListAllAsync($"date={Today}"), Is.Empty);

        // Redelivery: 409 on its own conversion, so the log and index rows are written now; a third changes nothing.
        clock.AdjustTime(Start.AddMinutes(1));
        var redelivered = await trax.Get<ConversionProcessor>().ProcessAsync(message, CancellationToken.None);
        await trax.Get<ConversionProcessor>().ProcessAsync(message, CancellationToken.None);

        Assert.That(redelivered.Outcome, Is.EqualTo(PostbackOutcomes.Created), "what the first delivery decided");
        Assert.That(redelivered.Redelivered, Is.True);
        var row = (await ListAllAsync($"date={Today}")).Single();
        Assert.That(row.Id, Is.EqualTo(answer.Field("id")));
        Assert.That(row.Outcome, Is.EqualTo("created"));
        var report = (await ReportAsync($"from={Today}&to={Today}")).Body!.Value;
        Assert.That(report.GetProperty("conversions").GetInt64(), Is.EqualTo(1));
        Assert.That(Totals(report), Is.EqualTo(new[] { "EUR|1|25.50" }));
    }

    /// <summary>The same load, left in the queue as the trigger would receive it (decoded message texts).</summary>
    private async Task<List<string>> QueueMixedLoadAsync()
    {
        await trax.SeedClickAsync(Click("c-1001", "winter"));
        await trax.SeedClickAsync(Click("c-1002", BlackFriday));
        foreach (var url in new[]
        {
            "/wp-json/trax/v1/ftd?clickid=c-1001&payout=25.50&currency=EUR",
            "/wp-json/trax/v1/ftd?clickid=c-1001&payout=25.50&currency=EUR",
            "/wp-json/trax/v1/reg?clickid=c-1001",
            "/wp-json/trax/v1/sale?clickid=c-1001&txid=T-1&payout=10.25&currency=USD",
            "/wp-json/trax/v1/sale?clickid=c-1002&txid=T-2&payout=0.10&currency=EUR",
            "/wp-json/trax/v1/sale?clickid=c-1002&txid=T-3&payout=0.20&currency=EUR",
            "/wp-json/trax/v1/sale?clickid=c-1002&txid=T-3&payout=0.20&currency=EUR",
            "/wp-json/trax/v1/ftd?clickid=never-clicked",
            "/wp-json/trax/v1/ftd?clickid=",
        })
        {
            await trax.GetAsync(url);
        }

        return [.. (await trax.ReceiveAllAsync()).Select(TraxApp.DecodeLikeTheTrigger)];
    }

    private async Task ProcessAsync(IEnumerable<string> messages)
    {
        foreach (var message in messages)
        {
            await trax.ProcessAsync(message);
        }
    }

    private async Task<Snapshot> SnapshotAsync()
    {
        var report = (await ReportAsync($"from={Today}&to={Today}&groupBy=day,type,network,program,campaign")).Text;
        var log = (await ListAllAsync($"date={Today}")).Select(r => $"{r.Id}|{r.Outcome}|{r.DuplicateOf}|{r.Reason}").ToList();
        var conversions = (await trax.ConversionsAsync()).Select(c => $"{c.ClickId}|{c.Key}|{c.PostbackId}").ToList();
        var table = (await trax.PostbackLog.QueryAsync<TableEntity>().ToListAsync())
            .Select(e => JsonSerializer.Serialize(e.Where(p => p.Key is not ("odata.etag" or "Timestamp"))
                .OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => Convert.ToString(p.Value, CultureInfo.InvariantCulture))))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new Snapshot(report, log, conversions, table);
    }

    private sealed record Snapshot(string Report, List<string> Log, List<string> Conversions, List<string> LogTable);
}
