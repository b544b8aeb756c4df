using Azure;
using Azure.Data.Tables;

namespace Trax.Storage;

/// <summary>
/// The four members every entity class implements for the SDK, written once. The SDK serialises a row's public
/// properties, inherited ones included, and keeps these four out of the stored columns, so a row derived from this
/// stores exactly what it stored when it declared them itself (<c>EntityColumnsTests</c> pin each table's columns).
/// </summary>
internal abstract class TableRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }
}
