using Azure.Data.Tables;

namespace Trax.Storage;

/// <summary>
/// Reads a row fetched untyped (a query that returns rows of more than one kind) into its kind's entity class,
/// property by property, as the SDK would have: the kind's class stays its one mapping.
/// </summary>
internal static class EntityMapper
{
    public static T To<T>(TableEntity row) where T : ITableEntity, new()
    {
        var entity = new T { PartitionKey = row.PartitionKey, RowKey = row.RowKey, Timestamp = row.Timestamp, ETag = row.ETag };
        foreach (var property in EntityColumns.Of(typeof(T)))
        {
            if (row.TryGetValue(property.Name, out var value) && value is not null)
            {
                var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                property.SetValue(entity, value switch
                {
                    DateTimeOffset time when type == typeof(DateTimeOffset) => time,
                    DateTime time when type == typeof(DateTimeOffset) => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
                    _ => Convert.ChangeType(value, type, System.Globalization.CultureInfo.InvariantCulture),
                });
            }
        }

        return entity;
    }
}
