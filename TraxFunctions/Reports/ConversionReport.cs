using System.Globalization;
using System.Text;
using System.Text.Json;
using Trax.Core;
using Trax.Http;
using Trax.PostbackLog;
using Trax.Rates;
using Trax.Rollups;
using Trax.Storage;
using Trax.Zones;

namespace Trax.Reports;

/// <summary>
/// Conversion counts and payout sums per currency over UTC days, by current status and attribution, from the day
/// index that the processor keeps (one row per stored conversion, attributed, unattributed or outside-window, updated
/// in place as its status, payout and attribution change; a duplicate is never in it): at most <see cref="ReportRequest.MaxDays"/> × 8 small
/// range queries, a few at a time. A report run twice agrees, and redelivery never counts anything twice.
/// </summary>
public sealed class ConversionReport(RollupReader rollups, TimeZones zones, CurrencyConverter currencies)
{

    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (parsed, rejection) = ReportRequest.Parse(request.Query, zones);
        if (rejection is not null)
        {
            return Answers.Rejected(rejection);
        }

        var result = await RunAsync(parsed!, cancellationToken);
        return parsed!.Format == ReportRequest.Csv
            ? Answers.Csv(ToCsv(result), FileName(parsed))
            : Answers.Json(writer => WriteJson(writer, result));
    }

    /// <summary>
    /// The report over the zone's days: rollups where current, the index live elsewhere (<see cref="RollupReader"/>),
    /// each item counted on the zone day it falls in, and the base-currency totals by UTC receipt day.
    /// </summary>
    public async Task<ReportResult> RunAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        var range = request.Zone.Days(request.From, request.To);
        var aggregator = new ReportAggregator(request.GroupBy);
        // Day rows are summed per zone day and the groups this report reads before they become items.
        var read = await rollups.ReadAsync(range.Start, range.End, new RollupFold(request.Zone.DayOf, aggregator.Blank), cancellationToken);
        var zoneDays = new ZoneDayNames(request.Zone);
        var byRateDay = new Dictionary<(DateOnly Day, string? Currency), Sums>();
        var rowBases = currencies.BaseCurrency is null ? null : new RowBaseTotals(request.GroupBy);
        foreach (var item in read.Items)
        {
            var day = zoneDays.Of(item.At);
            var money = new Money(item.Sum.Count, item.Sum.Payout, item.Sum.Overflow);
            aggregator.Add(day, item.Group, money);
            var status = ConversionStatusNames.ParseStored(item.Group.Status);
            var key = (PostbackLogKeys.LogDay(item.At), item.Group.Currency);
            byRateDay[key] = byRateDay.GetValueOrDefault(key, Sums.Zero).Add(status, money);
            rowBases?.Add(key.Item1, day, item.Group, money);
        }

        var (inBase, rates) = await BaseAsync(range, byRateDay, cancellationToken);
        return aggregator.Result(request) with { Base = inBase, RowBases = rates is null ? null : rowBases?.Convert(rates, request) };
    }

    private async Task<(BaseTotal? Total, RateBook? Rates)> BaseAsync(ZoneDayRange range, Dictionary<(DateOnly Day, string? Currency), Sums> sums, CancellationToken cancellationToken)
    {
        if (currencies.BaseCurrency is not { } baseCurrency)
        {
            return (null, null);
        }

        // A rates outage fails no report: its counts stand, and it says that the base totals could not be made.
        var rates = await currencies.TryLoadAsync(PostbackLogKeys.LogDay(range.Start), PostbackLogKeys.LogDay(range.End.AddTicks(-1)), cancellationToken);
        return rates is null ? (BaseTotal.Unavailable(baseCurrency, sums.Values), null) : (BaseTotal.From(rates, sums), rates);
    }

    /// <summary>
    /// One record per row: its dimensions, currency, conversions and payout net of rejections, then the rejections;
    /// with a base currency set, then the base currency and the row's payouts in it (<see cref="BaseCsv"/>).
    /// </summary>
    public static string ToCsv(ReportResult result)
    {
        var escape = result.Request.EscapeFormulas;
        var csv = new StringBuilder();
        Csv.AppendRecord(csv,
            [
                .. result.Request.GroupBy.Select(CsvField.Text), .. new[] { "currency", "conversions", "payout", "rejected", "rejectedPayout" }.Select(CsvField.Text),
                .. result.Base is null ? [] : BaseCsv.Header.Select(CsvField.Text),
            ],
            escape);
        foreach (var row in result.Rows)
        {
            var (net, rejected) = (row.Sums.Net, row.Sums.Rejected);
            Csv.AppendRecord(csv,
            [
                .. row.Dimensions.Select(CsvField.Text), CsvField.Text(row.Currency),
                CsvField.Number(net.Conversions.ToString(CultureInfo.InvariantCulture)), CsvField.Number(Amount(net)),
                CsvField.Number(rejected.Conversions.ToString(CultureInfo.InvariantCulture)), CsvField.Number(Amount(rejected)),
                .. result.Base is { } inBase ? BaseCsv.Fields(inBase, result.RowBases, row) : [],
            ], escape);
        }

        return csv.ToString();
    }

    public static void WriteJson(Utf8JsonWriter json, ReportResult result)
    {
        var request = result.Request;
        json.WriteStartObject();
        ReportJson.WriteRange(json, request.From, request.To, request.Zone.Id, request.GroupBy);
        json.WriteNumber("conversions", result.Conversions);
        json.WriteStartArray("totals");
        foreach (var total in result.Totals)
        {
            json.WriteStartObject();
            WriteSums(json, total.Currency, total.Sums);
            json.WriteStartObject("byStatus");
            foreach (var (status, money) in new[] { ("approved", total.Sums.Approved), ("pending", total.Sums.Pending), ("rejected", total.Sums.Rejected) })
            {
                json.WriteStartObject(status);
                WriteMoney(json, "conversions", "payout", money);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteStartObject("byAttribution");
            foreach (var attribution in Attributions.All)
            {
                var sums = total.ByAttribution.GetValueOrDefault(attribution);
                json.WriteStartObject(attribution);
                WriteMoney(json, "conversions", "payout", sums.Net);
                WriteMoney(json, "rejected", "rejectedPayout", sums.Rejected);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (result.Base is { } inBase)
        {
            WriteBase(json, inBase);
        }

        json.WriteStartArray("rows");
        foreach (var row in result.Rows)
        {
            json.WriteStartObject();
            ReportJson.WriteDimensions(json, request.GroupBy, row.Dimensions);
            WriteSums(json, row.Currency, row.Sums);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The base-currency totals: amounts only when every rate was found; else null, and the missing rates named.</summary>
    private static void WriteBase(Utf8JsonWriter json, BaseTotal total)
    {
        json.WriteStartObject("base");
        json.WriteString("currency", total.Currency);
        json.WriteBoolean("complete", total.Complete);
        WriteMoney(json, "conversions", "payout", total.Complete ? total.Net : total.Net with { Payout = null });
        WriteMoney(json, "rejected", "rejectedPayout", total.Complete ? total.Rejected : total.Rejected with { Payout = null });
        if (total.RatesUnavailable)
        {
            json.WriteBoolean("ratesUnavailable", true);
        }

        ReportJson.WriteMissingRates(json, total.Missing);
        json.WriteEndObject();
    }

    private static void WriteSums(Utf8JsonWriter json, string? currency, Sums sums)
    {
        json.WriteString("currency", currency);
        WriteMoney(json, "conversions", "payout", sums.Net);
        WriteMoney(json, "rejected", "rejectedPayout", sums.Rejected);
    }

    private static void WriteMoney(Utf8JsonWriter json, string count, string amount, Money money)
    {
        json.WriteNumber(count, money.Conversions);
        if (money.Payout is { } payout)
        {
            json.WriteNumber(amount, payout);
        }
        else
        {
            json.WriteNull(amount);
        }

        if (money.Overflow)
        {
            json.WriteBoolean(amount + "Overflow", true);
        }
    }

    private static string? Amount(Money money) => money.Overflow ? BaseCsv.Overflow : money.Payout?.ToString(CultureInfo.InvariantCulture);

    private static string FileName(ReportRequest request) => request.Zone.Days(request.From, request.To).CsvFileName("conversions");
}
