using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using Trax.Clicks;
using Trax.Conversions;
using Trax.PostbackLog;

namespace Trax.Testing;

/// <summary>This app's tables as a test seeds and reads them: clicks, sales, conversions, history, the postback log, links.</summary>
public sealed partial class TraxApp
{
    public async Task SeedClickAsync(Click click) => await Get<ClickStore>().TryAddAsync(click, CancellationToken.None);

    /// <summary>
    /// One click (made an hour before the first time) and a sale on it at each time, received then (txid t0, t1, … in
    /// order, payout 1 EUR), every one processed: conversions on both sides of a zone's midnight.
    /// </summary>
    public async Task SeedSalesAtAsync(FakeTimeProvider clock, string clickId, IReadOnlyList<string> times)
    {
        clock.AdjustTime(DateTimeOffset.Parse(times[0], CultureInfo.InvariantCulture));
        await SeedClickAsync(new Click { ClickId = clickId, ClickedAt = clock.GetUtcNow().AddHours(-1) });
        for (var n = 0; n < times.Count; n++)
        {
            clock.AdjustTime(DateTimeOffset.Parse(times[n], CultureInfo.InvariantCulture));
            await GetAsync($"/wp-json/trax/v1/sale?clickid={clickId}&txid=t{n}&payout=1&currency=EUR");
        }

        await DrainAsync();
    }

    /// <summary>Every conversion stored (not their history rows), read through the app's own mapping.</summary>
    public async Task<List<Conversion>> ConversionsAsync() => [.. (await ConversionRowsAsync()).Select(e => e.ToConversion())];

    /// <summary>Every conversion row as stored, with its flat properties (the click's fields are copied onto it).</summary>
    internal async Task<List<ConversionEntity>> ConversionRowsAsync() =>
        await Conversions.QueryAsync<ConversionEntity>(TableClient.CreateQueryFilter($"RowKey lt {Storage.Keys.HistoryRowPrefix}")).ToListAsync();

    /// <summary>Every history row of every conversion (one per postback that created, updated or was superseded on one).</summary>
    public async Task<List<HistoryEntry>> HistoryAsync() =>
        [.. (await Conversions.QueryAsync<HistoryEntity>(TableClient.CreateQueryFilter($"RowKey ge {Storage.Keys.HistoryRowPrefix}")).ToListAsync())
            .Select(e => e.ToEntry())];

    /// <summary>Every postback log row (not the day-index rows), newest first.</summary>
    public async Task<List<PostbackLogEntry>> LogAsync() =>
        [.. (await PostbackLog.QueryAsync<PostbackLogEntity>(TableClient.CreateQueryFilter($"RowKey lt {PostbackLogKeys.LogRowsEnd}")).ToListAsync())
            .OrderBy(e => e.RowKey, StringComparer.Ordinal).Select(e => e.ToEntry())];

    /// <summary>The one log row of a postback.</summary>
    public async Task<PostbackLogEntry?> LogEntryAsync(string postbackId) => (await LogAsync()).SingleOrDefault(e => e.PostbackId == postbackId);

    /// <summary>Every day-index row (what reports count).</summary>
    public async Task<List<DayIndexEntry>> DayIndexAsync() =>
        [.. (await PostbackLog.QueryAsync<DayIndexEntity>(TableClient.CreateQueryFilter($"RowKey ge {PostbackLogKeys.DayIndexRowPrefix} and RowKey lt {PostbackLogKeys.DayIndexRowsEnd}")).ToListAsync())
            .Select(e => e.ToEntry())];

    public async Task<List<Click>> ClicksAsync() =>
        [.. (await Clicks.QueryAsync<ClickEntity>().ToListAsync()).Select(e => e.ToClick())];

    /// <summary>Creates a link through <c>POST /api/links</c>, as an operator would.</summary>
    public async Task<Answer> CreateLinkAsync(string json)
    {
        var answer = await PostJsonAsync("/api/links", json);
        return answer.StatusCode == 201 ? answer : throw new InvalidOperationException($"Link not created: {answer.StatusCode} {answer.Text}");
    }
}
