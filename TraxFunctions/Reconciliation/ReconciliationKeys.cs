using System.Globalization;
using Trax.Storage;

namespace Trax.Reconciliation;

/// <summary>
/// Keys of the Reconciliations table. A reconciliation is one partition, <c>r-{id}</c>: its summary (RowKey
/// <c>summary</c>) and its rows (<c>row-{category}-{seq:D10}</c>), so a category's rows are one key range, paged in
/// their order, and all rows together are the range <c>row-</c>. The mappings networks last used are the partition
/// <c>mapping</c>, one row per network (lower case, encoded).
/// <para>Ten digits hold every <see cref="int"/> seq: a run has its export's rows (at most 100,000) and then one
/// <c>only-in-trax</c> row per conversion of the period, which nothing bounds. Runs stored before were written with
/// six digits (<c>D6</c>); each run is written in one width, so its keys still sort by seq, and nothing reads a seq
/// from a key (the rows carry it), so those runs and their continuation tokens read as before.</para>
/// </summary>
public static class ReconciliationKeys
{
    public const string SummaryRow = "summary";

    public const string MappingPartition = "mapping";

    public const string RowPrefix = "row-";

    public static string Partition(string id) => "r-" + id;

    public static string Row(string category, int seq) =>
        string.Concat(RowPrefix, category, "-", seq.ToString("D10", CultureInfo.InvariantCulture));

    /// <summary>The row keys of one category (or of all rows): <c>[from, to)</c>.</summary>
    public static (string From, string To) Rows(string? category) =>
        category is null ? (RowPrefix, "row.") : (string.Concat(RowPrefix, category, "-"), string.Concat(RowPrefix, category, "."));

    /// <summary>
    /// Whether <paramref name="key"/> is a row key as <see cref="Row"/> writes it now (ten digits) or wrote it before
    /// (six): what a continuation token may carry into a storage filter.
    /// </summary>
    public static bool IsRow(string key) =>
        key.StartsWith(RowPrefix, StringComparison.Ordinal)
        && ReconciliationCategories.All.Any(category => key.Length - RowPrefix.Length - category.Length - 1 is 6 or 10
            && key.AsSpan(RowPrefix.Length).StartsWith(category + "-", StringComparison.Ordinal)
            && key[(RowPrefix.Length + category.Length + 1)..].All(char.IsAsciiDigit));

    public static string MappingRow(string network) => Keys.Bounded(Keys.Encode(network.ToLowerInvariant()));

    /// <summary>A reconciliation id as Trax makes them: 32 lower-case hex digits, time-ordered.</summary>
    public static bool IsId(string? id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);
}
