using System.Text;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Trax.Benchmarks.Micro;
using Trax.Clicks;
using Trax.Conversions;
using Trax.PostbackLog;
using Trax.Postbacks;
using Trax.Storage;

namespace Trax.Benchmarks.Storage;

/// <summary>
/// Processing: queued messages (half new attributed, a quarter duplicates, a quarter orphans) through
/// ProcessPostback → ConversionProcessor, against the table operations the job needs, issued directly with prepared
/// rows: a point read of the click, an insert of the conversion (409 = duplicate), then the postback log — a
/// transaction of log + day-index rows for a new conversion, a log row for an orphan, and for a duplicate the read
/// of the stored conversion and its log row. Same Azurite, same clicks.
/// A control run puts the raw operations on both sides (through the app's clients on one): its ratio shows how
/// far from 1 the noise alone moves the figure.
/// </summary>
internal static class ProcessorRatio
{
    private enum Kind { New, Duplicate, Orphan }

    public static async Task<RatioResult> RunAsync(string connectionString, int rounds, int perRound, int concurrency, bool control = false)
    {
        await using var app = await TraxApp.StartAsync(connectionString);
        var function = app.Function<ProcessPostback>();
        var tables = app.Services.GetRequiredService<TraxTables>();
        var sample = PostbackSample.Get(PostbackSample.Seed);

        var rawCounter = new StorageRequestCounter();
        var rawOptions = new TableClientOptions();
        rawOptions.AddPolicy(rawCounter, HttpPipelinePosition.PerRetry);
        var rawService = new TableServiceClient(connectionString, rawOptions);
        var rawClicks = rawService.GetTableClient(app.Options.ClicksTable);
        var rawConversions = rawService.GetTableClient("Raw" + app.Options.ConversionsTable);
        await rawConversions.CreateIfNotExistsAsync();
        var rawLog = rawService.GetTableClient("Raw" + app.Options.PostbackLogTable);
        await rawLog.CreateIfNotExistsAsync();

        // Inputs: the queued text for Trax; the click key and the finished row for the raw side.
        var now = DateTimeOffset.UtcNow;
        var messages = new string[rounds + 1][];
        var rows = new RawItem[rounds + 1][];
        var seeds = new List<(ClickEntity? Click, ConversionEntity? Existing)>();
        for (var round = 0; round <= rounds; round++)
        {
            var size = round == rounds ? Math.Min(perRound, 200) : perRound; // the last set warms both sides up
            messages[round] = new string[size];
            rows[round] = new RawItem[size];
            for (var i = 0; i < size; i++)
            {
                var kind = (i % 4) switch { 0 or 1 => Kind.New, 2 => Kind.Duplicate, _ => Kind.Orphan };
                var clickId = $"p{round}-{i}-{app.RunId}";
                var postback = PostbackValidator.Validate(sample.Type, PostbackParameters.FromQueryString(sample.QueryFor(clickId))).Postback!;
                var message = PostbackMessage.Create(postback, sample.Source, Guid.CreateVersion7().ToString("N"), now);
                var click = kind == Kind.Orphan ? null : ClickEntity.Create(clickId, now.AddHours(-2));
                if (click is not null)
                {
                    click.LinkId = "supergame1";
                    click.Campaign = "november";
                }

                messages[round][i] = Encoding.UTF8.GetString(PostbackMessageJson.Serialize(message));
                rows[round][i] = new RawItem(Keys.ClickPartition(clickId), ConversionEntity.From(message, click, now), message);
                seeds.Add((click, kind == Kind.Duplicate ? ConversionEntity.From(message, click, now) : null));
            }
        }

        // Clicks for new and duplicate postbacks; the earlier conversion of each duplicate, on both sides.
        await Interleaved.ForEachAsync(seeds, 32, async (seed, ct) =>
        {
            if (seed.Click is { } click)
            {
                await tables.Clicks.AddEntityAsync(click, ct);
            }

            if (seed.Existing is { } existing)
            {
                await tables.Conversions.AddEntityAsync(existing, ct);
                await rawConversions.AddEntityAsync(existing, ct);
            }
        });

        async Task TraxAsync(int round) => await (control
            ? Interleaved.ForEachAsync(rows[round], concurrency, (item, ct) => RawOperationsAsync(tables.Clicks, tables.Conversions, tables.PostbackLog, item, ct))
            : Interleaved.ForEachAsync(messages[round], concurrency, async (message, ct) => await function.RunAsync(message, ct)));
        async Task RawAsync(int round) => await Interleaved.ForEachAsync(rows[round], concurrency,
            (item, ct) => RawOperationsAsync(rawClicks, rawConversions, rawLog, item, ct));

        await TraxAsync(rounds);
        await RawAsync(rounds);
        app.Counter.Reset();
        rawCounter.Reset();

        var result = await Interleaved.RunAsync(control ? "processor control" : "processor", rounds, perRound, concurrency, TraxAsync, RawAsync);
        var stored = await tables.Conversions.QueryAsync<TableEntity>(select: ["PartitionKey"]).CountAsync();
        var expected = seeds.Count; // one row per distinct postback: new and orphan ones inserted, duplicates' seeded
        if (stored != expected)
        {
            throw new InvalidOperationException($"Trax stored {stored} conversions, expected {expected}: the ratio would be meaningless.");
        }

        return result with
        {
            Control = control,
            TraxRequestsPerItem = (double)app.Counter.Total / result.Items,
            RawRequestsPerItem = (double)rawCounter.Total / result.Items,
        };
    }

    private sealed record RawItem(string Partition, ConversionEntity Row, PostbackMessage Message);

    /// <summary>What processing one message must do at least, with rows prepared in advance.</summary>
    private static async ValueTask RawOperationsAsync(
        TableClient clicks, TableClient conversions, TableClient log, RawItem item, CancellationToken cancellationToken)
    {
        await clicks.GetEntityIfExistsAsync<ClickEntity>(item.Partition, Keys.ClickRow, cancellationToken: cancellationToken);
        try
        {
            await conversions.AddEntityAsync(item.Row, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // A duplicate: whose conversion is it, then its log row.
            var stored = await conversions.GetEntityAsync<ConversionEntity>(item.Row.PartitionKey, item.Row.RowKey, cancellationToken: cancellationToken);
            await log.UpsertEntityAsync(PostbackLogEntity.ForDuplicate(item.Message, stored.Value, DateTimeOffset.UtcNow), TableUpdateMode.Replace, cancellationToken);
            return;
        }

        if (item.Row.Orphan)
        {
            await log.UpsertEntityAsync(PostbackLogEntity.ForStored(item.Message, item.Row, PostbackOutcomes.Orphan), TableUpdateMode.Replace, cancellationToken);
            return;
        }

        await log.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, PostbackLogEntity.ForStored(item.Message, item.Row, PostbackOutcomes.Created)),
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, ConversionDayEntity.From(item.Row)),
            ],
            cancellationToken);
    }
}
