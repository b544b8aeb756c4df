using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Trax.Clicks;
using Trax.PostbackLog;
using Trax.Storage;

namespace Trax.Conversions;

/// <summary>
/// When a click is registered after its conversions (clock skew, a plugin that registers late), those conversions
/// were stored as orphans in the click's partition. One query finds them (<c>PartitionKey</c> + <c>Orphan eq
/// true</c>), then each is merged with the click's fields under its ETag: a concurrent writer makes the update fail
/// with 412, and the conversion is read again and retried, or skipped once it is no longer an orphan. Running it
/// twice changes nothing the second time, so a registration may be retried freely. Each attributed orphan's
/// postback log row becomes <c>created</c> and it is counted in the reports (or stays uncounted as
/// <c>outside-window</c>).
/// </summary>
public sealed class OrphanReattributor(
    TraxTables tables, PostbackLogWriter postbackLog, TimeProvider time, ILogger<OrphanReattributor> logger)
{
    private const int MaxAttempts = 3;

    /// <summary>The number of conversions this call attributed.</summary>
    public async Task<int> ReattributeAsync(ClickEntity click, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {click.PartitionKey} and Orphan eq {true}");
        var count = 0;
        await foreach (var conversion in tables.Conversions.QueryAsync<ConversionEntity>(filter, cancellationToken: cancellationToken))
        {
            if (await AttributeAsync(conversion, click, cancellationToken))
            {
                count++;
            }
        }

        if (count > 0)
        {
            Log.Reattributed(logger, click.ClickId, count);
        }

        return count;
    }

    private async Task<bool> AttributeAsync(ConversionEntity conversion, ClickEntity click, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            conversion.Attribute(click);
            conversion.ReattributedAt = time.GetUtcNow();
            try
            {
                await tables.Conversions.UpdateEntityAsync(conversion, conversion.ETag, TableUpdateMode.Merge, cancellationToken);

                // Then the postback log and the reports learn it. Should this fail, the conversion is attributed
                // but not yet counted: a retried registration finds no orphan left, so redelivery of the postback
                // (whose heal path recomputes the outcome from the stored conversion) is what repairs it.
                await postbackLog.RecordReattributedAsync(conversion, cancellationToken);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                var fresh = await tables.Conversions.GetEntityIfExistsAsync<ConversionEntity>(
                    conversion.PartitionKey, conversion.RowKey, cancellationToken: cancellationToken);
                if (!fresh.HasValue || !fresh.Value!.Orphan)
                {
                    return false;
                }

                if (attempt == MaxAttempts)
                {
                    Log.ReattributionGaveUp(logger, click.ClickId, conversion.RowKey);
                    return false;
                }

                conversion = fresh.Value;
            }
        }
    }
}
