using Azure.Data.Tables;

namespace Trax.Storage;

/// <summary>The tables the processor writes and reads, resolved once from configured names.</summary>
public sealed class TraxTables(TableClient conversions, TableClient clicks)
{
    public TableClient Conversions { get; } = conversions;

    public TableClient Clicks { get; } = clicks;

    public IEnumerable<TableClient> All => [Conversions, Clicks];
}
