using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Trax.Storage;

namespace Trax.Conversions;

/// <summary>
/// The Conversions table. Adding is insert-if-absent on the conversion's key, so deduplication is the storage's
/// unique key; changing a stored conversion is conditional on the version that was read (ETag).
/// </summary>
public sealed class ConversionStore(TableClient table) : TableStore(table)
{
    /// <summary>Stores the conversion, or answers with the one stored under its key before (by this postback or another).</summary>
    public async Task<ConversionAdd> TryAddAsync(Conversion conversion, CancellationToken cancellationToken)
    {
        if (await TryInsertAsync(ConversionEntity.From(conversion), cancellationToken))
        {
            return new ConversionAdd(conversion, Added: true);
        }

        var stored = await FindAsync(conversion.ClickId, conversion.Key, cancellationToken)
            ?? throw new InvalidOperationException($"Conversion {conversion.Key} of click {conversion.ClickId} conflicted on insert but could not be read back.");
        return new ConversionAdd(stored, Added: false);
    }

    public async Task<Conversion?> FindAsync(string clickId, string key, CancellationToken cancellationToken)
    {
        var read = await Table.GetEntityIfExistsAsync<ConversionEntity>(Keys.ClickPartition(clickId), key, cancellationToken: cancellationToken);
        return read.HasValue ? read.Value!.ToConversion() : null;
    }

    /// <summary>Replaces the stored conversion if it is still the version that was read; false when it changed since.</summary>
    public async Task<bool> TryReplaceAsync(Conversion conversion, CancellationToken cancellationToken)
    {
        try
        {
            await Table.UpdateEntityAsync(ConversionEntity.From(conversion), conversion.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    /// <summary>The click's conversions still waiting for it: one partition query.</summary>
    public Task<List<Conversion>> OrphansAsync(string clickId, CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {Keys.ClickPartition(clickId)} and Orphan eq {true}"), cancellationToken);

    /// <summary>Every conversion of one click, oldest first.</summary>
    public async Task<List<Conversion>> ListAsync(string clickId, CancellationToken cancellationToken) =>
        [.. (await QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {Keys.ClickPartition(clickId)}"), cancellationToken))
            .OrderBy(c => c.ReceivedAt).ThenBy(c => c.Key, StringComparer.Ordinal)];

    private async Task<List<Conversion>> QueryAsync(string filter, CancellationToken cancellationToken)
    {
        var conversions = new List<Conversion>();
        await foreach (var entity in Table.QueryAsync<ConversionEntity>(filter, cancellationToken: cancellationToken))
        {
            conversions.Add(entity.ToConversion());
        }

        return conversions;
    }
}

/// <summary>What an insert-if-absent found: <see cref="Added"/> (this one is stored), or the conversion stored before.</summary>
public readonly record struct ConversionAdd(Conversion Conversion, bool Added);
