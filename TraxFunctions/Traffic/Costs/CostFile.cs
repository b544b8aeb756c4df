using System.Globalization;
using CsvHelper;
using System.Text.Json;
using Trax.Input;
using Trax.Links;
using Trax.Zones;

namespace Trax.Traffic;

/// <summary>
/// Reads a cost upload: CSV (RFC 4180, UTF-8, a header row: <c>day</c>, <c>amount</c>, optional <c>currency</c>, and
/// one or more of <c>campaign</c>, <c>link</c>, <c>source</c>, exactly one filled per row) or a JSON array of objects
/// with the same names. The whole file is judged before anything is stored: the first bad row refuses it, with its
/// line (CSV) or its position in the array (JSON). A key given twice keeps its last row, as a later upload would.
/// </summary>
public static class CostFile
{
    private static readonly CsvReaderOptions Options = StrictCsv.Options;

    private static readonly string[] Columns = ["day", "amount", "currency", .. CostKinds.All];

    /// <param name="json">Whether the body is JSON, as its Content-Type says; null (none said): JSON when it starts with '['.</param>
    public static (IReadOnlyList<UploadedCost> Costs, Rejection? Rejection) Read(byte[] body, bool? json = null)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return ([], CostRejections.InvalidEncoding);
        }

        json ??= body.SkipWhile(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF).FirstOrDefault() == (byte)'[';
        var (rows, rejection) = json.Value ? ReadJson(body) : ReadCsv(body);
        if (rejection is not null)
        {
            return ([], rejection);
        }

        if (rows.Count == 0)
        {
            return ([], CostRejections.NoRows);
        }

        if (rows.Count > CostRejections.MaxRows)
        {
            return ([], CostRejections.TooManyRows);
        }

        var costs = new Dictionary<(DateOnly, string, string), UploadedCost>();
        foreach (var (line, fields) in rows)
        {
            var (cost, problem) = Check(line, fields);
            if (problem is not null)
            {
                return ([], problem);
            }

            costs[(cost!.Day, cost.Kind, cost.Value)] = cost;
        }

        return ([.. costs.Values], null);
    }

    private static (UploadedCost? Cost, Rejection? Rejection) Check(long line, IReadOnlyDictionary<string, string?> fields)
    {
        var dayText = fields.GetValueOrDefault("day")?.Trim();
        if (!DateOnly.TryParseExact(dayText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || day < Zone.FirstDay || day > Zone.LastDay)
        {
            return (null, CostRejections.InvalidRow(line, "invalid-day", "day must be a date written YYYY-MM-DD."));
        }

        var targets = CostKinds.All.Where(k => !string.IsNullOrWhiteSpace(fields.GetValueOrDefault(k))).ToList();
        if (targets.Count != 1)
        {
            return (null, CostRejections.InvalidRow(line, "invalid-target", "Each row names exactly one of campaign, link or source."));
        }

        var kind = targets[0];
        var value = fields[kind]!.Trim();
        if (OptionalField.Problem(value) is { } problem)
        {
            return (null, CostRejections.InvalidRow(line, "invalid-target", $"The {kind} is not a value Trax keeps ({problem})."));
        }

        if (kind == CostKinds.Link)
        {
            if (LinkId.Normalize(value) is not { } link)
            {
                return (null, CostRejections.InvalidRow(line, "invalid-target", "The link is not a link id."));
            }

            value = link;
        }

        var amount = fields.GetValueOrDefault("amount");
        var (parsed, currency, bad) = Cost.Read(string.IsNullOrWhiteSpace(amount) ? "-" : amount, fields.GetValueOrDefault("currency"), Cost.MaxPerRow);
        return bad is not null
            ? (null, CostRejections.InvalidRow(line, bad.Reason, bad.Message))
            : (new UploadedCost(day, kind, value, parsed!.Value, currency), null);
    }

    private static (List<(long Line, IReadOnlyDictionary<string, string?> Fields)> Rows, Rejection? Rejection) ReadCsv(byte[] body)
    {
        var rows = new List<(long, IReadOnlyDictionary<string, string?>)>();
        try
        {
            using var reader = CsvReader.Create(body, Options);
            var header = reader.Headers.Select(c => c.Trim().ToLowerInvariant()).ToList();
            if (header.Count == 0)
            {
                return (rows, CostRejections.NoRows);
            }

            if (header.FirstOrDefault(c => !Columns.Contains(c)) is { } unknown)
            {
                return (rows, CostRejections.InvalidHeader($"has a column Trax does not know ('{InputValues.Printable(unknown, 64)}')"));
            }

            if (header.GroupBy(c => c).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                return (rows, CostRejections.InvalidHeader($"names '{twice.Key}' twice"));
            }

            if (!header.Contains("day") || !header.Contains("amount") || !header.Any(CostKinds.All.Contains))
            {
                return (rows, CostRejections.InvalidHeader("lacks day, amount, or all of campaign, link and source"));
            }

            while (reader.ReadRecord())
            {
                if (rows.Count > CostRejections.MaxRows)
                {
                    break;
                }

                var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
                for (var i = 0; i < header.Count; i++)
                {
                    fields[header[i]] = reader.GetString(i);
                }

                rows.Add((reader.LineNumber, fields));
            }

            return (rows, null);
        }
        catch (CsvFormatException ex)
        {
            return (rows, CostRejections.InvalidCsv(ex.LineNumber, ex.Message));
        }
    }

    private static (List<(long Line, IReadOnlyDictionary<string, string?> Fields)> Rows, Rejection? Rejection) ReadJson(byte[] body)
    {
        var rows = new List<(long, IReadOnlyDictionary<string, string?>)>();
        try
        {
            // A UTF-8 byte order mark (Windows tools write one) is skipped, as the CSV reader does.
            using var document = JsonDocument.Parse(ByteOrderMark.Skipped(body));
            var position = 0;
            foreach (var item in document.RootElement.EnumerateArray())
            {
                position++;
                if (item.ValueKind != JsonValueKind.Object)
                {
                    return (rows, CostRejections.InvalidJson($"item {position} is not an object."));
                }

                var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var property in item.EnumerateObject())
                {
                    var name = property.Name.ToLowerInvariant();
                    if (!Columns.Contains(name))
                    {
                        return (rows, CostRejections.InvalidJson($"item {position} has a field Trax does not know ('{InputValues.Printable(property.Name, 64)}')."));
                    }

                    // As a CSV header naming a column twice is refused: which of two amounts is the cost is anyone's guess.
                    if (fields.ContainsKey(name))
                    {
                        return (rows, CostRejections.InvalidJson($"item {position} names '{name}' twice."));
                    }

                    fields[name] = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString(),
                        JsonValueKind.Number => property.Value.GetRawText(),
                        JsonValueKind.Null => null,
                        _ => throw new JsonException($"item {position}: {property.Name} must be a string or a number."),
                    };
                }

                rows.Add((position, fields));
            }

            return (rows, null);
        }
        catch (JsonException ex)
        {
            return (rows, CostRejections.InvalidJson(ex.Message));
        }
    }
}
