using Azure.Data.Tables;
using Trax.Storage;

namespace Trax.Forwards;

/// <summary>The Forwards table: one forward per partition. Forwards are few; listing them all is one query.</summary>
public sealed class ForwardStore(TableClient table) : TableStore(table)
{
    public Task<Forward?> FindAsync(string id, CancellationToken cancellationToken) =>
        PointReadAsync<ForwardEntity, Forward>(ForwardKeys.ForwardPartition(id), ForwardKeys.ForwardRow, entity => entity.ToForward(), cancellationToken);

    /// <summary>Every forward, ordered by id.</summary>
    public Task<IReadOnlyList<Forward>> ListAsync(CancellationToken cancellationToken) =>
        ListAllAsync<ForwardEntity, Forward>(entity => entity.ToForward(), cancellationToken);

    /// <summary>
    /// Creates or replaces the forward (conditionally), keeping its original creation time, and its version when the
    /// settings are the same (a repeated PUT); any change, or a creation, gets a new version (<see cref="Forward.Version"/>).
    /// </summary>
    public async Task<(Forward Forward, bool Created)?> SaveAsync(Forward forward, DateTimeOffset now, CancellationToken cancellationToken) =>
        await SaveAsync<ForwardEntity>(ForwardKeys.ForwardPartition(forward.Id), ForwardKeys.ForwardRow, existing =>
            {
                var entity = ForwardEntity.From(forward with { CreatedAt = existing?.CreatedAt ?? now, UpdatedAt = now });
                entity.Version = existing is not null && existing.HasSameSettingsAs(entity) ? existing.Version : NewVersion();
                return entity;
            }, cancellationToken) is { } saved
            ? (saved.Saved.ToForward(), saved.Created)
            : null;

    /// <summary>
    /// Deletes the forward; false when there was none. Jobs already queued for it are cancelled when they come up, also
    /// once a forward of the same id is saved again (it has another version).
    /// </summary>
    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        TryDeleteAsync(ForwardKeys.ForwardPartition(id), ForwardKeys.ForwardRow, cancellationToken);

    /// <summary>64 random bits: two versions of one forward never meet.</summary>
    private static string NewVersion() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
}
