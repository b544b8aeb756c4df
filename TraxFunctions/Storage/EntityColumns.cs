using System.Collections.Concurrent;
using System.Reflection;
using Azure.Data.Tables;

namespace Trax.Storage;

/// <summary>
/// The properties of an entity class that the SDK stores as its columns: the public read-write ones but the four
/// <see cref="ITableEntity"/> members (keys, timestamp, ETag), which the service keeps apart. Found once a class.
/// </summary>
internal static class EntityColumns
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    public static PropertyInfo[] Of(Type entity) => Properties.GetOrAdd(entity, static t => [.. t.GetProperties().Where(p => p.CanRead && p.CanWrite
        && p.Name is not (nameof(ITableEntity.PartitionKey) or nameof(ITableEntity.RowKey) or nameof(ITableEntity.Timestamp) or nameof(ITableEntity.ETag)))]);
}
