using Azure.Data.Tables;
using Trax.Storage;

namespace Trax.Links;

/// <summary>The Links table. Creating is insert-if-absent; replacing is read + conditional (ETag) replace.</summary>
public sealed class LinkStore(TableClient table) : TableStore(table)
{
    public Task<Link?> FindAsync(string id, CancellationToken cancellationToken) =>
        PointReadAsync<LinkEntity, Link>(Keys.LinkPartition(id), Keys.LinkRow, entity => entity.ToLink(), cancellationToken);

    /// <summary>Every link, ordered by id (the partition key). Links are few: this is an admin call, not a hot path.</summary>
    public Task<IReadOnlyList<Link>> ListAsync(CancellationToken cancellationToken) =>
        ListAllAsync<LinkEntity, Link>(entity => entity.ToLink(), cancellationToken);

    /// <summary>Stores a new link; false (and nothing written) when the id is taken.</summary>
    public Task<bool> AddAsync(Link link, CancellationToken cancellationToken) => TryInsertAsync(LinkEntity.From(link), cancellationToken);

    /// <summary>Creates or replaces the link (conditionally: see <see cref="TableStore"/>), keeping its original <see cref="Link.CreatedAt"/>.</summary>
    public async Task<LinkSaved?> SaveAsync(Link link, DateTimeOffset now, CancellationToken cancellationToken) =>
        await SaveAsync<LinkEntity>(Keys.LinkPartition(link.Id), Keys.LinkRow,
            existing => LinkEntity.From(link with { CreatedAt = existing?.CreatedAt ?? now, UpdatedAt = now }), cancellationToken) is { } saved
            ? new LinkSaved(saved.Saved.ToLink(), saved.Created)
            : null;

    /// <summary>Deletes the link; false when there was none.</summary>
    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        TryDeleteAsync(Keys.LinkPartition(id), Keys.LinkRow, cancellationToken);
}

public sealed record LinkSaved(Link Link, bool Created);
