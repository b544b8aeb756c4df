using System.Text;
using Trax.Core;
using Trax.Http;
using Trax.Input;
using Trax.PostbackLog;
using Trax.Postbacks;
using Trax.Zones;

namespace Trax.Reconciliation;

/// <summary>
/// Runs a reconciliation: reads the network's export through its mapping, reads what Trax saw around the period
/// (the day index and the refusals of the log, a partition range per UTC day and shard; a peek at the queue and
/// the poison queue), lets <see cref="ReconciliationMatcher"/> decide every row's category, remembers the network's
/// mapping and zone, then stores the result. The stored result is answered by <see cref="ReconciliationResults"/>.
/// </summary>
public sealed class Reconciler(
    ReconciliationStore store,
    PostbackLogStore log,
    PostbackQueue queue,
    StatusMap statuses,
    TimeProvider time,
    IOptions<ReconciliationOptions> options,
    ILogger<Reconciler> logger)
{
    /// <summary>Rows of the export a preview shows.</summary>
    public const int PreviewRows = 10;

    public async Task<IActionResult> RunAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, refusedBody) = await ReadCsvAsync(request, cancellationToken);
        if (refusedBody is not null)
        {
            return Refuse(refusedBody);
        }

        var reader = new QueryReader(request.Query);
        var network = reader.Text("network");
        if (network is null)
        {
            reader.Fail(ReconciliationRejections.MissingNetwork);
        }

        var from = reader.RequiredDay("from");
        var to = reader.RequiredDay("to");
        if (reader.Rejection is { } early)
        {
            return Refuse(early);
        }

        var remembered = await store.ReadMappingAsync(network!, cancellationToken);
        var mapping = MappingQuery.Read(reader, remembered);
        var zoneId = reader.Text(TimeZones.Parameter) ?? remembered?.TimeZone;
        Zone? zone = null;
        if (zoneId is null)
        {
            reader.Fail(ParameterRejections.MissingParameter(TimeZones.Parameter));
        }
        else if (!Zone.TryFind(zoneId, out zone))
        {
            reader.Fail(ZoneRejections.InvalidTimeZone);
        }

        var period = TimeZones.Range(reader, zone, from, to, ReconciliationRejections.MaxDays);
        if (reader.Rejection is { } rejection)
        {
            return Refuse(rejection);
        }

        var file = ExportCsv.Read(body!, mapping!, raw => statuses.Map(raw, network), zone!);
        if (file.Rejection is { } refused)
        {
            return Refuse(refused);
        }

        var remember = new RememberedMapping(network!, mapping!, zone!.Id, time.GetUtcNow());
        var summary = await ReconcileAsync(network!, period!, mapping!, file.Rows, rerunOf: null, remember, cancellationToken);
        return Answers.Json(StatusCodes.Status201Created, summary, ReconciliationJson.Default.ReconciliationSummary, $"/api/reconciliations/{summary.Id}");
    }

    /// <summary>Runs a stored reconciliation again on its own export rows, against what Trax has now: a new id.</summary>
    public async Task<IActionResult> RerunAsync(string id, CancellationToken cancellationToken)
    {
        if (!ReconciliationKeys.IsId(id) || await store.ReadSummaryAsync(id, cancellationToken) is not { } earlier)
        {
            return Answers.Rejected(ReconciliationRejections.NotFound);
        }

        var zone = Zone.Find(earlier.TimeZone);
        var period = zone.Days(DateOnly.ParseExact(earlier.From, "yyyy-MM-dd"), DateOnly.ParseExact(earlier.To, "yyyy-MM-dd"));
        var rows = (await store.ReadAllRowsAsync(id, cancellationToken))
            .Where(r => r.Line is not null)
            .OrderBy(r => r.Seq)
            .Select(r => new ExportRow
            {
                Line = r.Line!.Value,
                ClickId = r.ClickId,
                Type = ConversionTypeNames.Parse(r.Type),
                TxId = r.TxId,
                StatusRaw = r.ExportStatus,
                Status = ConversionStatusNames.TryParse(r.ExportStatusAs, out var status) ? status : null,
                Amount = r.ExportAmount,
                Currency = r.ExportCurrency,
                Time = r.ExportTime,
            })
            .ToList();
        var summary = await ReconcileAsync(earlier.Network, period, earlier.Mapping, rows, id, remember: null, cancellationToken);
        return Answers.Json(StatusCodes.Status201Created, summary, ReconciliationJson.Default.ReconciliationSummary, $"/api/reconciliations/{summary.Id}");
    }

    /// <summary>The export's header and first rows, the presets, and the network's last mapping: nothing is stored.</summary>
    public async Task<IActionResult> PreviewAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, refusedBody) = await ReadCsvAsync(request, cancellationToken);
        if (refusedBody is not null)
        {
            return Refuse(refusedBody);
        }

        var reader = new QueryReader(request.Query);
        var network = reader.Text("network");
        if (reader.Rejection is { } rejection)
        {
            return Refuse(rejection);
        }

        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return Refuse(ReconciliationRejections.InvalidEncoding);
        }

        try
        {
            if (ExportPreview.Read(body!, PreviewRows) is not ({ } header, { } rows))
            {
                return Refuse(ReconciliationRejections.NoRows);
            }

            var remembered = network is null ? null : await store.ReadMappingAsync(network, cancellationToken);
            return Answers.Ok(new MappingPreview(header, rows, MappingPresets.All, remembered), ReconciliationJson.Default.MappingPreview);
        }
        catch (CsvHelper.CsvFormatException ex)
        {
            return Refuse(ReconciliationRejections.InvalidCsv(ex.LineNumber, ex.Message));
        }
    }

    /// <param name="remember">The network's mapping to keep (a new run's), written before the run: the run's summary is
    /// its last write, so a 503 from any write means no run was stored, and the retry is the only one.</param>
    private async Task<ReconciliationSummary> ReconcileAsync(
        string network, ZoneDayRange period, ExportMapping mapping, IReadOnlyList<ExportRow> rows, string? rerunOf,
        RememberedMapping? remember, CancellationToken cancellationToken)
    {
        var evidence = await ReadEvidenceAsync(period, cancellationToken);
        var result = ReconciliationMatcher.Match(rows, evidence, period, network);
        var id = Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
        var categories = ReconciliationSummary.Totals(result);
        var onlyInExport = result.Where(r => r.Category == ReconciliationCategories.OnlyInExport).ToList();
        var summary = new ReconciliationSummary
        {
            Id = id,
            Network = network,
            From = period.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            To = period.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            TimeZone = period.Zone.Id,
            Start = period.Start,
            End = period.End,
            Mapping = mapping,
            CreatedAt = time.GetUtcNow(),
            RerunOf = rerunOf,
            ExportRows = rows.Count,
            TraxConversions = result.Count(r => r.TraxInPeriod),
            Categories = categories,
            Reasons = onlyInExport.GroupBy(r => r.Reason!).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            RefusalReasons = onlyInExport.Where(r => r.LogReason is not null).GroupBy(r => r.LogReason!).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count()),
            QueueComplete = evidence.QueueComplete,
            RefusalsComplete = evidence.RefusalsComplete,
        };
        if (remember is not null)
        {
            await store.SaveMappingAsync(remember, cancellationToken);
        }

        await store.SaveAsync(summary, result, cancellationToken);
        Log.Reconciled(logger, id, network, rows.Count, summary.TraxConversions, categories.Sum(c => c.Category == ReconciliationCategories.Matched ? c.Rows : 0));
        return summary;
    }

    /// <summary>
    /// The UTC days that cover the period and the margin: the day index and the refusals of each, one range query per
    /// day and shard (and more pages only for a partition of over 1,000 rows; the refusals at most
    /// <see cref="ReconciliationOptions.RefusalReadCap"/> rows); a peek at each queue.
    /// </summary>
    private async Task<TraxEvidence> ReadEvidenceAsync(ZoneDayRange period, CancellationToken cancellationToken)
    {
        var margin = options.Value.MarginDays;
        var first = PostbackLogKeys.LogDay(period.Start).AddDays(-margin);
        var last = PostbackLogKeys.LogDay(period.End.AddTicks(-1)).AddDays(margin);
        var days = last.DayNumber - first.DayNumber + 1;
        var concurrency = options.Value.ReadConcurrency;
        var conversions = log.ReadDayIndexAsync(first, days, concurrency, cancellationToken);
        var refused = log.ReadRefusedAsync(first, days, options.Value.RefusalReadCap / PostbackLogKeys.LogShards, cancellationToken);
        var queued = QueuePeek.ReadAsync(queue.Client, cancellationToken);
        var poison = QueuePeek.ReadAsync(queue.Poison, cancellationToken);
        await Task.WhenAll(conversions, refused, queued, poison);
        return new TraxEvidence(await conversions, (await refused).Refused, (await queued).Messages, (await poison).Messages)
        {
            QueueComplete = (await queued).Complete && (await poison).Complete,
            RefusalsComplete = (await refused).Complete,
        };
    }

    private static async Task<(byte[]? Body, Rejection? Refused)> ReadCsvAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypes.IsUtf8Csv(request.ContentType))
        {
            return (null, ReconciliationRejections.UnsupportedMediaType);
        }

        var body = await RequestBody.ReadAsync(request, ReconciliationRejections.MaxBytes, cancellationToken);
        return body is null ? (null, ReconciliationRejections.TooLarge) : (body, null);
    }

    private IActionResult Refuse(Rejection rejection)
    {
        Log.Refused(logger, rejection.Reason, rejection.Line);
        return Answers.Rejected(rejection);
    }
}
