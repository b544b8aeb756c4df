using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trax.Http;
using Trax.Postbacks;
using Trax.Storage;

namespace Trax.Reports;

/// <summary>
/// Every conversion of one click id, as stored (attribution, flags such as orphan, raw callback): one partition
/// query on the Conversions table. Properties are written as they are stored, camelCased, so a field added to
/// conversions later shows up here without a change.
/// </summary>
public sealed class ConversionLookup(TraxTables tables, IOptions<TraxOptions> options, ILogger<ConversionLookup> logger)
{
    private static readonly HashSet<string> KeyProperties = ["PartitionKey", "RowKey", "Timestamp", "odata.etag"];

    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var reader = new QueryReader(request.Query);
        var clickId = reader.Required("clickid", Rejection.MissingClickId);
        if (clickId is not null && !PostbackValidator.IsValidClickId(clickId))
        {
            reader.Fail(Rejection.InvalidClickId);
        }

        if (reader.Rejection is { } rejection)
        {
            return ErrorAnswers.Rejected(rejection);
        }

        return await QueryAnswer.FromStorageAsync(
            () => FindAsync(clickId!, cancellationToken),
            conversions => QueryAnswer.Json(json =>
            {
                json.WriteStartObject();
                json.WriteString("clickid", clickId);
                json.WriteNumber("count", conversions.Count);
                json.WriteStartArray("conversions");
                foreach (var conversion in conversions)
                {
                    WriteConversion(json, conversion);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }),
            "conversions", options.Value, logger, cancellationToken);
    }

    /// <summary>The click's conversions, oldest first.</summary>
    public async Task<List<TableEntity>> FindAsync(string clickId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Keys.ClickPartition(clickId)}");
        var conversions = new List<TableEntity>();
        await foreach (var entity in tables.Conversions.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            conversions.Add(entity);
        }

        return [.. conversions.OrderBy(c => c.GetDateTimeOffset("ReceivedAt")).ThenBy(c => c.RowKey, StringComparer.Ordinal)];
    }

    private static void WriteConversion(Utf8JsonWriter json, TableEntity conversion)
    {
        json.WriteStartObject();
        json.WriteString("key", conversion.RowKey);
        foreach (var (name, value) in conversion.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (KeyProperties.Contains(name) || name.EndsWith("@odata.type", StringComparison.Ordinal))
            {
                continue;
            }

            var property = JsonNamingPolicy.CamelCase.ConvertName(name);
            switch (value)
            {
                case null:
                    json.WriteNull(property);
                    break;
                case string text:
                    json.WriteString(property, text);
                    break;
                case bool flag:
                    json.WriteBoolean(property, flag);
                    break;
                case int number:
                    json.WriteNumber(property, number);
                    break;
                case long number:
                    json.WriteNumber(property, number);
                    break;
                case double number:
                    json.WriteNumber(property, number);
                    break;
                case DateTimeOffset time:
                    json.WriteString(property, time);
                    break;
                case DateTime time:
                    json.WriteString(property, time);
                    break;
                case byte[] bytes:
                    json.WriteBase64String(property, bytes);
                    break;
                case BinaryData data:
                    json.WriteBase64String(property, data.ToMemory().Span);
                    break;
                default:
                    json.WriteString(property, Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
            }
        }

        json.WriteEndObject();
    }
}
