using System.Globalization;
using Trax.Http;
using Trax.Input;

namespace Trax.Rates;

/// <summary>
/// The handlers behind <c>/api/rates/{date}</c>: PUT replaces a day's rates from JSON, CSV or the ECB's XML (chosen
/// by Content-Type), so repeating it changes nothing; GET shows the rates in force on a day. Bad input is a 400 with
/// a reason code; nothing is stored unless the whole body is valid.
/// </summary>
public sealed class RatesAdmin(RateStore store, TimeProvider time, ILogger<RatesAdmin> logger)
{
    public async Task<IActionResult> PutAsync(HttpRequest request, string date, CancellationToken cancellationToken)
    {
        if (Day(date) is not { } day || day > DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(1))
        {
            return Refuse("PUT", date, RateRejections.InvalidDate);
        }

        var kind = Kind(request.ContentType);
        if (kind is null)
        {
            return Refuse("PUT", date, RateRejections.UnsupportedMediaType);
        }

        var reader = new QueryReader(request.Query);
        var baseText = kind == "csv" ? reader.Required("base") : null;
        if (reader.Rejection is { } badQuery)
        {
            return Refuse("PUT", date, badQuery);
        }

        var body = await RequestBody.ReadAsync(request, RateRejections.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Refuse("PUT", date, RateRejections.BodyTooLarge);
        }

        var (rates, rejection) = kind switch
        {
            "json" => RatesJson.Read(body, day),
            "csv" => RatesCsv.Read(body, day, baseText!),
            _ => OneDay(EcbRatesXml.Read(body, DayRates.PutSource + "xml"), day),
        };
        if (rejection is not null)
        {
            return Refuse("PUT", date, rejection);
        }

        await store.ReplaceAsync(rates!, time.GetUtcNow(), cancellationToken);
        Log.Stored(logger, Text(day), rates!.Source, rates.Rates.Count, rates.Base);
        return Answers.Ok(new RatesStoredBody("stored", Text(day), rates.Base, rates.Rates.Count, rates.Source), RatesJsonContext.Default.RatesStoredBody);
    }

    /// <summary>The publication in force on the day (its own, or the latest of the week before), per its own base.</summary>
    public async Task<IActionResult> GetAsync(string date, CancellationToken cancellationToken)
    {
        if (Day(date) is not { } day)
        {
            return Refuse("GET", date, RateRejections.InvalidDate);
        }

        var book = new RateBook(EcbRatesXml.Base, day, day, (await store.ListAsync(day.AddDays(-CurrencyConverter.MaxAgeDays), day, cancellationToken)).Select(s => s.Rates));
        if (book.PublicationFor(day) is not { } rates)
        {
            return Refuse("GET", date, RateRejections.UnknownRates(CurrencyConverter.MaxAgeDays));
        }

        return Answers.Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("date", Text(day));
            writer.WriteString("publishedOn", Text(rates.Day));
            writer.WriteString("base", rates.Base);
            writer.WriteString("source", rates.Source);
            if (rates.StoredAt is { } storedAt)
            {
                writer.WriteString("storedAt", storedAt);
            }

            writer.WriteStartObject("rates");
            foreach (var (currency, rate) in rates.Rates.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                writer.WriteNumber(currency, rate);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    /// <summary>The day of the path: a real day Table Storage can hold (a PUT also no later than tomorrow, UTC: rates are never published ahead).</summary>
    private static DateOnly? Day(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
        && day >= QueryReader.FirstDay && day <= QueryReader.LastDay
            ? day
            : null;

    /// <summary>json, csv or xml from the Content-Type; null for anything else (JSON and CSV must be UTF-8).</summary>
    private static string? Kind(string? contentType) => MediaTypes.Parse(contentType) switch
    {
        ("application/json" or "text/json", true) => "json",
        ("text/csv", true) => "csv",
        ("application/xml" or "text/xml", _) => "xml",
        _ => null,
    };

    private static (DayRates? Rates, Rejection? Rejection) OneDay((IReadOnlyList<DayRates> Days, Rejection? Rejection) file, DateOnly day) =>
        file.Rejection is not null ? (null, file.Rejection)
        : file.Days.FirstOrDefault(d => d.Day == day) is { } rates ? (rates, null)
        : (null, RateRejections.DateNotInFile);

    private IActionResult Refuse(string method, string date, Rejection rejection)
    {
        Log.Rejected(logger, method, InputValues.Printable(date, 32) ?? "", rejection.Reason);
        return Answers.Rejected(rejection);
    }

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
