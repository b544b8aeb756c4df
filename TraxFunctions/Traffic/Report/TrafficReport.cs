using Trax.Http;
using Trax.PostbackLog;
using Trax.Rates;
using Trax.Reports;
using Trax.Rollups;
using Trax.Zones;

namespace Trax.Traffic;

/// <summary>
/// The handler behind <c>GET /api/reports/traffic</c>: clicks and their costs from the click rollups
/// (<see cref="TrafficReader"/>), uploaded costs (<see cref="CostStore"/>), and the conversions from the conversion
/// rollups (<see cref="RollupReader"/>) or, grouped by a dimension those do not hold, from the day index with each
/// conversion's click (<see cref="ConversionClicks"/>). Clicks count on the zone day they were made, conversions on the
/// zone day they were received (as the conversion report counts them), uploaded costs on the day they name. Every
/// amount is converted at its own UTC day's rate; a missing rate leaves the money null and is named.
/// </summary>
public sealed class TrafficReport(
    TrafficReader clicks,
    RollupReader conversions,
    ConversionClicks conversionClicks,
    CostStore costs,
    TimeZones zones,
    CurrencyConverter currencies)
{
    private const string Separator = "\u001f";

    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (parsed, rejection) = TrafficRequest.Parse(request.Query, zones);
        if (rejection is not null)
        {
            return Answers.Rejected(rejection);
        }

        var result = await RunAsync(parsed!, cancellationToken);
        return parsed!.Format == TrafficRequest.Csv
            ? Answers.Csv(TrafficOutput.ToCsv(result), parsed.Range.CsvFileName("traffic"))
            : Answers.Json(writer => TrafficOutput.WriteJson(writer, result));
    }

    public async Task<TrafficResult> RunAsync(TrafficRequest request, CancellationToken cancellationToken)
    {
        var range = request.Range;
        var zone = range.Zone;
        var lines = new Dictionary<string, TrafficLine>(StringComparer.Ordinal);
        var zoneDays = new ZoneDayNames(zone);

        TrafficLine Line(Func<string, string?> dimension)
        {
            var values = request.GroupBy.Select(dimension).ToArray();
            var key = string.Join(Separator, values.Select(v => v is null ? "\u0000" : v));
            if (!lines.TryGetValue(key, out var line))
            {
                lines[key] = line = new TrafficLine(values);
            }

            return line;
        }

        var clickRead = clicks.ReadAsync(range.Start, range.End, cancellationToken);
        var costRead = costs.ListAsync(range.From, range.To, cancellationToken);
        foreach (var item in (await clickRead).Items)
        {
            var group = item.Group;
            var day = zoneDays.Of(item.At);
            var line = Line(name => name switch
            {
                "day" => day,
                "link" => group.LinkId,
                "campaign" => group.Campaign,
                "source" => group.Source,
                "network" => group.Network,
                "program" => group.Program,
                "sub1" => group.Sub1,
                "sub2" => group.Sub2,
                "sub3" => group.Sub3,
                "sub4" => group.Sub4,
                _ => group.Sub5,
            });
            line.Clicks += item.Sum.Clicks;
            if (item.Sum.Cost is { } cost)
            {
                line.AddCost(PostbackLogKeys.LogDay(item.At), group.CostCurrency, cost);
            }
        }

        if (request.NeedsClickOfEachConversion)
        {
            foreach (var conversion in await conversionClicks.ReadAsync(range.Start, range.End, cancellationToken))
            {
                var day = zoneDays.Of(conversion.ReceivedAt);
                var click = conversion.Click?.Attributes;
                var line = Line(name => name switch
                {
                    "day" => day,
                    "link" => click?.LinkId,
                    "campaign" => conversion.Campaign,
                    "source" => click?.Source,
                    "network" => conversion.Network,
                    "program" => conversion.Program,
                    "sub1" => click?.Sub1,
                    "sub2" => click?.Sub2,
                    "sub3" => click?.Sub3,
                    "sub4" => click?.Sub4,
                    _ => click?.Sub5,
                });
                Count(line, conversion.ReceivedAt, conversion.Type, conversion.Status, conversion.Currency, 1, conversion.Payout, false);
            }
        }
        else
        {
            foreach (var item in (await conversions.ReadAsync(range.Start, range.End, cancellationToken)).Items)
            {
                var day = zoneDays.Of(item.At);
                var group = item.Group;
                var line = Line(name => name switch
                {
                    "day" => day,
                    "campaign" => group.Campaign,
                    "network" => group.Network,
                    _ => group.Program,
                });
                Count(line, item.At, group.Type, group.Status, group.Currency, item.Sum.Count, item.Sum.Payout, item.Sum.Overflow);
            }
        }

        var unallocated = new TrafficLine([]);
        foreach (var cost in await costRead)
        {
            var dimension = cost.Kind;
            if (request.GroupBy.All(name => name == "day" || name == dimension))
            {
                Line(name => name == "day" ? Day(cost.Day) : cost.Value).AddCost(cost.Day, cost.Currency, cost.Amount);
            }
            else
            {
                unallocated.AddCost(cost.Day, cost.Currency, cost.Amount);
            }
        }

        var totals = new TrafficLine([]);
        foreach (var line in lines.Values)
        {
            totals.Add(line);
        }

        totals.Add(unallocated);
        var money = await MoneyAsync(totals, range, cancellationToken);
        var rows = lines.Values
            .OrderBy(l => string.Join(Separator, l.Dimensions.Select(d => d ?? "")), StringComparer.Ordinal)
            .Select(l => (l.Dimensions, money.Figures(l)))
            .ToList();
        return new TrafficResult(request, money.Currency, rows, money.Figures(totals),
            unallocated.Cost.Count == 0 ? null : money.Figures(unallocated), money.Missing, money.RatesUnavailable);
    }

    private static void Count(TrafficLine line, DateTimeOffset at, string type, string? status, string? currency, long count, decimal? payout, bool overflow)
    {
        if (status == "rejected")
        {
            line.Rejected += count;
            return;
        }

        line.ConversionsByType[type] = line.ConversionsByType.GetValueOrDefault(type) + count;
        line.RevenueOverflow |= overflow;
        if (payout is { } amount)
        {
            line.AddRevenue(PostbackLogKeys.LogDay(at), currency, amount);
        }
    }

    /// <summary>The report's currency and rates: the base currency's, or without one, the one currency every amount had.</summary>
    private async Task<TrafficMoney> MoneyAsync(TrafficLine totals, ZoneDayRange range, CancellationToken cancellationToken)
    {
        var days = totals.Revenue.Keys.Concat(totals.Cost.Keys).Select(k => k.Day).ToList();
        if (currencies.BaseCurrency is not { } baseCurrency)
        {
            // An amount without a currency is in the base currency, so with none set its currency is unknown: a unit of
            // its own, summed with other such amounts but never taken for the dollars or euros beside it.
            var seen = totals.Revenue.Keys.Concat(totals.Cost.Keys).Select(k => k.Currency).Distinct().ToList();
            return new TrafficMoney(seen.Count == 1 ? seen[0] : null, null, seen.Count > 1, false);
        }

        if (days.Count == 0)
        {
            return new TrafficMoney(baseCurrency, null, false, false);
        }

        // A rates outage fails no report: the counts stand and the money says it could not be converted.
        var book = await currencies.TryLoadAsync(days.Min(), days.Max(), cancellationToken);
        return new TrafficMoney(baseCurrency, book, false, ratesUnavailable: book is null);
    }

    private static string Day(DateOnly day) => ReportJson.Day(day);
}
