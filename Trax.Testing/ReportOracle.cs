using System.Globalization;
using System.Text;
using System.Text.Json;
using Trax.PostbackLog;
using Trax.Reports;
using Trax.Rollups;

namespace Trax.Testing;

/// <summary>
/// The exactness oracle of the rollup tests: the report that reading every index row gives (the source of truth, no
/// rollup read), and the report Trax gives, both as the JSON a caller gets, so a test compares them whole.
/// </summary>
public static class ReportOracle
{
    /// <summary>Every index row of the UTC days the zone's range touches, counted on its zone day.</summary>
    public static async Task<string> EveryIndexRowAsync(TraxApp trax, ReportRequest request)
    {
        var range = request.Zone.Days(request.From, request.To);
        var firstDay = PostbackLogKeys.LogDay(range.Start);
        var days = PostbackLogKeys.LogDay(range.End.AddTicks(-1)).DayNumber - firstDay.DayNumber + 1;
        var aggregator = new ReportAggregator(request.GroupBy);
        foreach (var row in await trax.Get<PostbackLogStore>().ReadDayIndexAsync(firstDay, days, PostbackLogKeys.LogShards, CancellationToken.None))
        {
            if (range.Contains(row.ReceivedAt))
            {
                aggregator.Add(request.Zone.DayOf(row.ReceivedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), HourRollup.GroupOf(row), new Money(1, row.Payout, false));
            }
        }

        return Json(aggregator.Result(request));
    }

    /// <summary>The report as Trax makes it (rollups where current, the index live elsewhere).</summary>
    public static async Task<string> ReportAsync(TraxApp trax, ReportRequest request) =>
        Json(await trax.Get<ConversionReport>().RunAsync(request, CancellationToken.None));

    private static string Json(ReportResult result)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ConversionReport.WriteJson(writer, result);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
