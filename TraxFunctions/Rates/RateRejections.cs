using Trax.Input;

namespace Trax.Rates;

/// <summary>
/// Why <c>/api/rates/{date}</c> refused a request: stable reason codes (docs/currency.md), in the same
/// <see cref="Rejection"/> shape as every refusal. Clients match on these: never rename one.
/// </summary>
public static class RateRejections
{
    /// <summary>Room for the ECB's 90-day file (about 100 KB); its whole history (about 8 MB) is for the timer.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static Rejection InvalidDate { get; } =
        new("invalid-date", $"The date must be a real day written YYYY-MM-DD, such as 2026-11-25, from {QueryReader.FirstDay:yyyy-MM-dd} to {QueryReader.LastDay:yyyy-MM-dd}; rates can be put for tomorrow (UTC) at the latest.");

    public static Rejection UnsupportedMediaType { get; } =
        new("unsupported-media-type", "Content-Type must be application/json, text/csv, or application/xml (text/xml) for the ECB's reference rates file; JSON and CSV in UTF-8.", 415);

    public static Rejection BodyTooLarge { get; } =
        new("body-too-large", $"The request body is larger than {MaxBodyBytes} bytes.", 413);

    public static Rejection InvalidBody(string problem) =>
        new("invalid-body", $"The body is not a rates file of its Content-Type: {problem}");

    public static Rejection InvalidBase { get; } =
        new("invalid-base", "The base currency (JSON: \"base\"; CSV: ?base=) must be a three-letter ISO 4217 code such as EUR; the ECB's XML is always per EUR.");

    public static Rejection InvalidCurrency(string shown) =>
        new("invalid-currency", $"'{shown}' is not a three-letter ISO 4217 currency code such as USD.");

    public static Rejection DuplicateCurrency(string currency) =>
        new("duplicate-currency", $"{currency} is given twice.");

    public static Rejection InvalidRate(string currency) =>
        new("invalid-rate", $"The rate of {currency} must be a number from {RateValues.Min} to {RateValues.Max:#,0} (units per one unit of the base) with at most {RateValues.MaxDecimals} decimals; the base's own rate, if given, must be 1.");

    public static Rejection NoRates { get; } =
        new("no-rates", "The body holds no rates.");

    public static Rejection TooManyRates { get; } =
        new("too-many-rates", $"A day holds at most {RateValues.MaxCurrencies} currencies.");

    public static Rejection DateNotInFile { get; } =
        new("date-not-in-file", "The ECB file has no rates for the date in the path.");

    public static Rejection UnknownRates(int days) =>
        new("no-rates-in-force", $"No rates are stored for this day or the {days} days before it.", 404);

    public static IReadOnlyList<string> Reasons { get; } =
    [
        InvalidDate.Reason, "missing-parameter", UnsupportedMediaType.Reason, BodyTooLarge.Reason, InvalidBody("").Reason, InvalidBase.Reason,
        InvalidCurrency("").Reason, DuplicateCurrency("").Reason, InvalidRate("").Reason, NoRates.Reason, TooManyRates.Reason,
        DateNotInFile.Reason, UnknownRates(0).Reason,
    ];
}
