using System.Text;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Trax.Benchmarks.Micro;
using Trax.Clicks;
using Trax.Conversions;
using Trax.Core;
using Trax.Forwards;
using Trax.PostbackLog;
using Trax.Postbacks;
using Trax.Storage;
using Trax.Testing;

namespace Trax.Benchmarks.Storage;

/// <summary>
/// Processing: queued messages (half new attributed, a quarter duplicates of another postback, a quarter orphans)
/// through ProcessPostback → ConversionProcessor, against the table operations the job needs, issued directly with
/// prepared rows: a point read of the click, a transaction adding the conversion and its creator's history row
/// (409 = it exists), then the postback log — a transaction of log + day-index rows for a new conversion (an orphan
/// first reads its click once more: the late registration race); for a duplicate (of a newer postback, so the state
/// stays as it is) the read of the stored conversion with this postback's history row, and its log row. Same
/// Azurite, same clicks.
/// A control run puts the raw operations on both sides (through the app's clients on one): its ratio shows how
/// far from 1 the noise alone moves the figure.
/// </summary>
internal static class ProcessorRatio
{
    private enum Kind { New, Duplicate, Orphan }

    public static async Task<RatioResult> RunAsync(string connectionString, int rounds, int perRound, int concurrency, bool control = false)
    {
        await using var app = await TraxApp.StartAsync(connectionString, measuring: true);
        var sample = PostbackSample.Get(PostbackSample.Seed);

        // The forwards (none here) are read once per cache period in production, not per postback: read them now.
        await app.Get<Trax.Forwards.ForwardCache>().EnabledAsync(CancellationToken.None);

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
        var seeds = new List<(Click? Click, Conversion? Existing)>();
        var statuses = new StatusMap(Microsoft.Extensions.Options.Options.Create(new NetworkOptions()));
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
                var message = PostbackMessage.Create(postback, sample.Source, Guid.CreateVersion7(now).ToString("N"), now);
                var click = kind == Kind.Orphan ? null
                    : new Click { ClickId = clickId, ClickedAt = now.AddHours(-2),
                    Attributes = new()
                    {
                        LinkId = "supergame1", Campaign = "november",
                    }
                    };

                messages[round][i] = Encoding.UTF8.GetString(PostbackMessageJson.Serialize(message));
                var said = PostbackState.Of(message, statuses);
                var conversion = Conversion.From(message, click, now, said);
                rows[round][i] = new RawItem(
                    Keys.ClickPartition(clickId), ConversionEntity.From(conversion), HistoryEntity.From(clickId, HistoryEntry.Created(message, conversion, said)), message);

                // A duplicate's conversion was stored by another postback, received after this one (a second later:
                // two version-7 ids of one millisecond are in random order, and a newer duplicate costs one write more).
                var other = Guid.CreateVersion7(now.AddSeconds(1)).ToString("N");
                seeds.Add((click, kind == Kind.Duplicate
                    ? conversion with { PostbackId = other, State = conversion.State with { StatusBy = other, MoneyBy = other } }
                    : null));
            }
        }

        // Clicks for new and duplicate postbacks; the earlier conversion of each duplicate, on both sides.
        await Interleaved.ForEachAsync(seeds, 32, async (seed, ct) =>
        {
            if (seed.Click is { } click)
            {
                await app.Clicks.AddEntityAsync(ClickEntity.From(click), ct);
            }

            if (seed.Existing is { } existing)
            {
                await app.Conversions.AddEntityAsync(ConversionEntity.From(existing), ct);
                await rawConversions.AddEntityAsync(ConversionEntity.From(existing), ct);
            }
        });

        // The control's "Trax" side: the raw operations on the app's tables, counted by the app's counter.
        var counted = new TableClientOptions();
        counted.AddPolicy(app.Requests, HttpPipelinePosition.PerRetry);
        var appTables = new TableServiceClient(connectionString, counted);
        var (appClicks, appConversions, appLog) = (appTables.GetTableClient(app.Options.ClicksTable),
            appTables.GetTableClient(app.Options.ConversionsTable), appTables.GetTableClient(app.Options.PostbackLogTable));
        async Task TraxAsync(int round) => await (control
            ? Interleaved.ForEachAsync(rows[round], concurrency, (item, ct) => RawOperationsAsync(appClicks, appConversions, appLog, item, ct))
            : Interleaved.ForEachAsync(messages[round], concurrency, async (message, ct) => await app.ProcessAsync(message, ct)));
        async Task RawAsync(int round) => await Interleaved.ForEachAsync(rows[round], concurrency,
            (item, ct) => RawOperationsAsync(rawClicks, rawConversions, rawLog, item, ct));

        await TraxAsync(rounds);
        await RawAsync(rounds);
        app.Requests.Reset();
        rawCounter.Reset();

        var result = await Interleaved.RunAsync(control ? "processor control" : "processor", rounds, perRound, concurrency, TraxAsync, RawAsync);
        var stored = await app.Conversions.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"RowKey lt {Keys.HistoryRowPrefix}"), select: ["PartitionKey"]).CountAsync();
        var expected = seeds.Count; // one conversion per distinct postback: new and orphan ones inserted, duplicates' seeded
        if (stored != expected)
        {
            throw new InvalidOperationException($"Trax stored {stored} conversions, expected {expected}: the ratio would be meaningless.");
        }

        return result with
        {
            Control = control,
            TraxRequestsPerItem = (double)app.Requests.Total / result.Items,
            RawRequestsPerItem = (double)rawCounter.Total / result.Items,
        };
    }

    private sealed record RawItem(string Partition, ConversionEntity Row, HistoryEntity Created, PostbackMessage Message);

    /// <summary>What processing one message must do at least, with rows prepared in advance.</summary>
    private static async ValueTask RawOperationsAsync(
        TableClient clicks, TableClient conversions, TableClient log, RawItem item, CancellationToken cancellationToken)
    {
        await clicks.GetEntityIfExistsAsync<ClickEntity>(item.Partition, Keys.ClickRow, cancellationToken: cancellationToken);
        try
        {
            await conversions.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.Add, item.Row), new TableTransactionAction(TableTransactionActionType.Add, item.Created)],
                cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            // A duplicate: what is stored (and whether this postback is in its history), then its log row.
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {item.Row.PartitionKey} and (RowKey eq {item.Row.RowKey} or RowKey eq {item.Created.RowKey})");
            ConversionEntity? stored = null;
            await foreach (var row in conversions.QueryAsync<ConversionEntity>(filter, cancellationToken: cancellationToken))
            {
                stored ??= row;
            }

            await log.AddEntityAsync(PostbackLogEntity.From(PostbackLogEntries.ForDuplicate(item.Message, stored!.PostbackId, stored.ToConversion().Key, DateTimeOffset.UtcNow)), cancellationToken);
            return;
        }

        var created = item.Row.ToConversion();
        var (entry, _, index) = PostbackLogEntries.ForStored(created, created.State);
        if (created.Orphan)
        {
            // An orphan: its click is looked for once more, then its log row (if absent) and its unattributed index row.
            await clicks.GetEntityIfExistsAsync<ClickEntity>(item.Partition, Keys.ClickRow, cancellationToken: cancellationToken);
        }

        await log.SubmitTransactionAsync(
            [
                new TableTransactionAction(created.Orphan ? TableTransactionActionType.Add : TableTransactionActionType.UpsertReplace, PostbackLogEntity.From(entry)),
                new TableTransactionAction(TableTransactionActionType.Add, DayIndexEntity.From(index)),
            ],
            cancellationToken);
    }
}
