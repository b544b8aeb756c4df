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
public static partial class ExportCsv
{
    private static readonly CsvReaderOptions Options = StrictCsv.Options;

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
