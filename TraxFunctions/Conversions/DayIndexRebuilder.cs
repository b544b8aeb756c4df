using Trax.PostbackLog;
using Trax.Storage;

namespace Trax.Conversions;

/// <summary>
/// Brings every stored conversion into the day index, a page of the Conversions table at a time: each conversion's
/// index row is merged from the conversion as stored (its state, its attribution). That indexes the unattributed and
/// outside-window conversions stored before every conversion was counted (only attributed ones had a row then), and
/// heals any row that lags behind its conversion. A merge only ever moves a row forward, so running it again, or while
/// postbacks and registrations write, changes nothing they did.
/// </summary>
public sealed class DayIndexRebuilder(ConversionStore conversions, PostbackLogStore postbackLog)
{
    private const string Scope = "reindex";

    /// <summary>One page: how many conversions were read, how many index rows were added or brought forward, and where to go on.</summary>
    public async Task<ReindexPage> RebuildAsync(int limit, string? continuationToken, CancellationToken cancellationToken)
    {
        var (page, next) = await conversions.ScanAsync(limit, continuationToken is null ? null : Decode(continuationToken), cancellationToken);
        var changed = 0;
        foreach (var conversion in page)
        {
            if (await postbackLog.MergeDayIndexAsync(PostbackLogEntries.DayIndex(conversion, conversion.State), cancellationToken))
            {
                changed++;
            }
        }

        return new ReindexPage(page.Count, changed, next is { } keys ? ContinuationToken.Encode(Scope, keys.Partition, keys.Row) : null);
    }

    /// <summary>Whether <paramref name="token"/> is one <see cref="RebuildAsync"/> issued.</summary>
    public static bool IsValidToken(string token) => Decode(token) is not null;

    private static (string Partition, string Row)? Decode(string token) =>
        ContinuationToken.Decode(token) is [Scope, var partition, var row] ? (partition, row) : null;
}

/// <summary>What one page of a rebuild did.</summary>
public sealed record ReindexPage(int Conversions, int Indexed, string? ContinuationToken);
