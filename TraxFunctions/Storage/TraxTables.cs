using Azure.Data.Tables;

namespace Trax.Storage;

/// <summary>The tables Trax writes and reads, resolved once from configured names.</summary>
public sealed class TraxTables(TableClient conversions, TableClient clicks, TableClient postbackLog)
{
    public TableClient Conversions { get; } = conversions;

    public TableClient Clicks { get; } = clicks;

    /// <summary>Every postback and its outcome, and the per-day conversion index (see <see cref="Keys.LogPartition"/>).</summary>
    public TableClient PostbackLog { get; } = postbackLog;

    public IEnumerable<TableClient> All => [Conversions, Clicks, PostbackLog];
}
