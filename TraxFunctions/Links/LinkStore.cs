using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Trax.Storage;

namespace Trax.Links;

/// <summary>The Links table. Creating is insert-if-absent; replacing is read + conditional (ETag) replace.</summary>
public sealed class LinkStore(TableClient table) : TableStore(table)
{
    private const int MaxSaveAttempts = 3;

    public async Task<Link?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var read = await Table.GetEntityIfExistsAsync<LinkEntity>(Keys.LinkPartition(id), Keys.LinkRow, cancellationToken: cancellationToken);
        return read.HasValue ? read.Value!.ToLink() : null;
    }

    /// <summary>Every link, ordered by id (the partition key). Links are few: this is an admin call, not a hot path.</summary>
    public async Task<IReadOnlyList<Link>> ListAsync(CancellationToken cancellationToken)
    {
        var links = new List<Link>();
        await foreach (var entity in Table.QueryAsync<LinkEntity>(cancellationToken: cancellationToken))
        {
            links.Add(entity.ToLink());
        }

        return links;
    }

    /// <summary>Stores a new link; false (and nothing written) when the id is taken.</summary>
    public Task<bool> AddAsync(Link link, CancellationToken cancellationToken) => TryInsertAsync(LinkEntity.From(link), cancellationToken);

    /// <summary>
    /// Creates or replaces the link, keeping its original <see cref="Link.CreatedAt"/>. The replace is conditional
    /// on the ETag that was read, so two admins saving at once never interleave fields; the loser re-reads and
    /// wins afterwards (last writer wins, whole link at a time). Null after repeated interference.
    /// </summary>
    public async Task<LinkSaved?> SaveAsync(Link link, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxSaveAttempts; attempt++)
        {
            var existing = await Table.GetEntityIfExistsAsync<LinkEntity>(Keys.LinkPartition(link.Id), Keys.LinkRow, cancellationToken: cancellationToken);
            if (!existing.HasValue)
            {
                var created = link with { CreatedAt = now, UpdatedAt = now };
                if (await AddAsync(created, cancellationToken))
                {
                    return new LinkSaved(created, Created: true);
                }

                continue;
            }

            var replaced = link with { CreatedAt = existing.Value!.CreatedAt, UpdatedAt = now };
            try
            {
                await Table.UpdateEntityAsync(LinkEntity.From(replaced), existing.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                return new LinkSaved(replaced, Created: false);
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                // Changed or deleted since the read: read again.
            }
        }

        return null;
    }

    /// <summary>Deletes the link; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var response = await Table.DeleteEntityAsync(Keys.LinkPartition(id), Keys.LinkRow, ETag.All, cancellationToken);
        return response.Status != 404;
    }
}

public sealed record LinkSaved(Link Link, bool Created);
