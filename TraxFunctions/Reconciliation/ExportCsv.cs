using System.Globalization;
using CsvHelper;
using Trax.Core;
using Trax.Input;
using Trax.Zones;

namespace Trax.Reconciliation;

/// <summary>
/// Reads a network's export through a mapping: RFC 4180 CSV in UTF-8 with a header row. The mapping is checked
/// against the header first (a column it names that the header lacks is refused, as is a mapping without a click
/// id); then every row is read before anything is matched, so broken CSV or a value the mapping cannot read is
/// refused with its line.
/// </summary>
public static class ExportCsv
{
    private static readonly CsvReaderOptions Options = StrictCsv.Options;

    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-dd",
    ];

    private static readonly string[] OffsetFormats =
    [
        "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-ddTHH:mmK",
    ];

    /// <summary>No header row: an empty body, a lone BOM, or only blanks (a blank line is no column's name).</summary>
    internal static bool IsBlank(List<string> header) => header.TrueForAll(h => h.Length == 0);

    public static ExportFile Read(byte[] body, ExportMapping mapping, Func<string, ConversionStatus?> status, Zone zone)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return ExportFile.Refused(ReconciliationRejections.InvalidEncoding);
        }

        if (TypeWords(mapping) is not { } typeWords)
        {
            return ExportFile.Refused(ReconciliationRejections.InvalidTypeMap);
        }

        ConversionType? fixedType = null;
        if (mapping.Type is null)
        {
            if (!ConversionTypeNames.TryParse(mapping.TypeValue, out var only))
            {
                return ExportFile.Refused(ReconciliationRejections.NoTypeColumn);
            }

            fixedType = only;
        }

        try
        {
            using var reader = CsvReader.Create(body, Options);
            var header = reader.Headers.Select(h => h.Trim()).ToList();
            if (IsBlank(header))
            {
                return ExportFile.Refused(ReconciliationRejections.NoRows);
            }

            int? Index(string? column) => column is null ? null : header.FindIndex(h => string.Equals(h, column.Trim(), StringComparison.OrdinalIgnoreCase));
            foreach (var (field, column) in mapping.Columns())
            {
                if (Index(column) < 0)
                {
                    return ExportFile.Refused(field == "clickid" ? ReconciliationRejections.NoClickIdColumn : ReconciliationRejections.UnknownColumn(field, column));
                }
            }

            var (clickId, txId, type, statusColumn, amount, currency, time) =
                (Index(mapping.ClickId)!.Value, Index(mapping.TxId), Index(mapping.Type), Index(mapping.Status), Index(mapping.Amount), Index(mapping.Currency), Index(mapping.Time));
            var rows = new List<ExportRow>();
            var totals = new ExportTotals();
            while (reader.ReadRecord())
            {
                if (rows.Count == ReconciliationRejections.MaxRows)
                {
                    return ExportFile.Refused(ReconciliationRejections.TooManyRows);
                }

                var line = reader.LineNumber;
                string? Value(int? index) => index is { } i && reader.GetString(i).Trim() is { Length: > 0 } v ? v : null;
                if (new[] { clickId, txId, type, statusColumn, amount, currency, time }.Any(i => i is { } c && reader.GetString(c).Length > ReconciliationRejections.MaxValueLength))
                {
                    return ExportFile.Refused(ReconciliationRejections.ValueTooLong(line));
                }

                var rowType = fixedType;
                if (rowType is null)
                {
                    if (Value(type) is not { } word || !typeWords.TryGetValue(word, out var mapped))
                    {
                        return ExportFile.Refused(ReconciliationRejections.UnknownType(line));
                    }

                    rowType = mapped;
                }

                decimal? rowAmount = null;
                if (Value(amount) is { } amountText)
                {
                    // Bounded as a payout is, so that the sums of 100,000 rows stay far inside decimal's range.
                    if (!decimal.TryParse(amountText, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed)
                        || Math.Abs(parsed) > Payout.MaxAbsolute)
                    {
                        return ExportFile.Refused(ReconciliationRejections.InvalidAmount(line));
                    }

                    // On the text, as a postback's payout: parsing rounds past 28 digits, and a rounded amount could match.
                    if (!DecimalText.IsExact(amountText))
                    {
                        return ExportFile.Refused(ReconciliationRejections.AmountTooPrecise(line));
                    }

                    rowAmount = parsed;
                }

                DateTimeOffset? rowTime = null;
                if (Value(time) is { } timeText)
                {
                    if (ParseTime(timeText, mapping.TimeFormat, zone) is not { } parsed)
                    {
                        return ExportFile.Refused(ReconciliationRejections.InvalidTime(line));
                    }

                    rowTime = parsed;
                }

                // As a postback's: a value that is no code (a column mapped by mistake) would be a currency of its
                // own in every sum, and never equal Trax's.
                var rowCurrency = Value(currency);
                if (rowCurrency is not null && CurrencyCode.Normalize(rowCurrency) is null)
                {
                    return ExportFile.Refused(ReconciliationRejections.InvalidCurrency(line));
                }

                if (rowAmount is { } counted && !totals.TryAdd(CurrencyCode.Normalize(rowCurrency), counted))
                {
                    return ExportFile.Refused(ReconciliationRejections.TotalTooPrecise(line));
                }

                var statusRaw = Value(statusColumn);
                rows.Add(new ExportRow
                {
                    Line = line,
                    ClickId = Value(clickId) ?? "",
                    Type = rowType.Value,
                    TxId = Value(txId),
                    StatusRaw = statusRaw,
                    Status = statusRaw is null ? null : status(statusRaw),
                    Amount = rowAmount,
                    Currency = CurrencyCode.Normalize(rowCurrency),
                    Time = rowTime,
                });
            }

            return rows.Count == 0 ? ExportFile.Refused(ReconciliationRejections.NoRows) : new ExportFile(rows, null);
        }
        catch (CsvFormatException ex)
        {
            return ExportFile.Refused(ReconciliationRejections.InvalidCsv(ex.LineNumber, ex.Message));
        }
    }

    /// <summary>
    /// A time with an offset is that instant; one without is the zone's local time (a time the zone skipped is read
    /// an hour later, as clocks show it; one it had twice, the first of the two). Unix seconds are UTC.
    /// </summary>
    public static DateTimeOffset? ParseTime(string text, string? format, Zone zone)
    {
        try
        {
            return Parse(text, format, zone);
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or ArgumentException or FormatException)
        {
            // A local time whose instant is outside what a date can hold, or a format that is none.
            return null;
        }
    }

    private static DateTimeOffset? Parse(string text, string? format, Zone zone)
    {
        if (string.Equals(format, "unix", StringComparison.OrdinalIgnoreCase))
        {
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds < 253_402_300_800
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }

        if (format is null && DateTimeOffset.TryParseExact(text, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact)
            && text.Length > 10 && (text.EndsWith('Z') || text[^6] is '+' or '-'))
        {
            return exact;
        }

        // A format with an offset (zzz, K): a DateTime would convert the text's instant to the server's clock, and
        // that clock time would then be read as the zone's. Round-trip kind says whether the text carried one.
        if (format is not null
            && DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var kind) && kind.Kind != DateTimeKind.Unspecified
            && DateTimeOffset.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            return withOffset;
        }

        if (!DateTime.TryParseExact(text, format is null ? LocalFormats : [format], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.Info.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        var offset = zone.Info.IsAmbiguousTime(local) ? zone.Info.GetAmbiguousTimeOffsets(local).Max() : zone.Info.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    private static Dictionary<string, ConversionType>? TypeWords(ExportMapping mapping)
    {
        var words = new Dictionary<string, ConversionType>(ExportMapping.CommonTypeWords, StringComparer.OrdinalIgnoreCase);
        if (mapping.Types is null)
        {
            return words;
        }

        foreach (var pair in mapping.Types.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = pair.LastIndexOf(':');
            if (colon <= 0 || !ConversionTypeNames.TryParse(pair[(colon + 1)..].Trim(), out var type))
            {
                return null;
            }

            words[pair[..colon].Trim()] = type;
        }

        return words;
    }
}
