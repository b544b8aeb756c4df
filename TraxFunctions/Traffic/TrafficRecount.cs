using Azure;
using Trax.Clicks;
using Trax.Http;
using Trax.Input;
using Trax.Storage;

namespace Trax.Traffic;

/// <summary>
/// The handler behind <c>POST /api/reports/traffic/recount[?limit=1-1000][&amp;continuationToken=…]</c>: makes the
/// Traffic table's click rows equal to the clicks stored, a page per call. First it walks the Clicks table and counts
/// each click that is not counted (insert-if-absent, so a counted click is left as it is: a failed count, event 3020,
/// or a click stored before clicks were counted); then it walks the click rows and removes each whose click is not
/// stored (a count that landed for a lost click, event 3021, or one that landed after its take-back). Safe to run
/// again at any time and while clicks flow.
/// </summary>
public sealed class TrafficRecount(ClickStore clicks, ClickDayStore days, TimeProvider time, ILogger<TrafficRecount> logger)
{
    private const string ClicksWalk = "clicks";
    private const string CountsWalk = "counts";

    /// <summary>
    /// How old a count must be before the recount removes it for want of its click: <c>/go</c> sends the click and its
    /// count together, so for a while a count can stand while its click's insert is still on its way to storage
    /// (the service gives a request at most 30 s).
    /// </summary>
    public static TimeSpan Settle { get; } = TimeSpan.FromMinutes(5);

    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var reader = new QueryReader(request.Query);
        // Tokens of the clicks' walk are the ones this API issued before it had a second walk; they still read.
        var (limit, position) = PassPage.Read(reader, sent => ContinuationToken.Decode(sent) is [ClicksWalk or CountsWalk, _] ? sent : null);
        var (walk, azureToken) = position is not null && ContinuationToken.Decode(position) is [var kind, var inner]
            ? (kind, inner.Length == 0 ? null : inner)
            : (ClicksWalk, (string?)null);

        if (reader.Rejection is { } rejection)
        {
            return Answers.Rejected(rejection);
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken };
        int read = 0, counted = 0, removed = 0;
        string? next;
        if (walk == ClicksWalk)
        {
            if (await PageAsync(() => clicks.ListPageAsync(limit, azureToken, cancellationToken), azureToken) is not { } read1)
            {
                return Answers.Rejected(PassPage.InvalidToken);
            }

            (var page, next) = read1;
            read = page.Count;
            await Parallel.ForEachAsync(page, parallel, async (click, ct) =>
            {
                if (await days.TryAddAsync(click, ct))
                {
                    Interlocked.Increment(ref counted);
                }
            });
        }
        else
        {
            var settled = time.GetUtcNow() - Settle;
            if (await PageAsync(() => days.ListPageAsync(limit, azureToken, cancellationToken), azureToken) is not { } read2)
            {
                return Answers.Rejected(PassPage.InvalidToken);
            }

            (var page, next) = read2;
            read = page.Count;
            await Parallel.ForEachAsync(page, parallel, async (row, ct) =>
            {
                if (row.Click.ClickedAt <= settled && await clicks.FindAsync(row.Click.ClickId, ct) is null
                    && await days.RemoveAsync(row.Click.ClickId, row.Click.ClickedAt, row.Version, ct))
                {
                    Interlocked.Increment(ref removed);
                }
            });
        }

        // The clicks' walk goes on with the counts' walk from its start (an empty inner token).
        var nextToken = next is not null ? ContinuationToken.Encode(walk, next)
            : walk == ClicksWalk ? ContinuationToken.Encode(CountsWalk, "")
            : null;
        Log.Recounted(logger, walk, read, counted, removed, nextToken is not null);
        return Answers.Json(json =>
        {
            json.WriteStartObject();
            json.WriteString("status", "ok");
            json.WriteNumber("clicks", walk == ClicksWalk ? read : 0);
            json.WriteNumber("counts", walk == CountsWalk ? read : 0);
            json.WriteNumber("counted", counted);
            json.WriteNumber("removed", removed);
            json.WriteString("continuationToken", nextToken);
            json.WriteEndObject();
        });
    }

    /// <summary>
    /// The page the sent position names; null when the table service refused that position as not its own: the token
    /// carries the service's continuation, which Azure answers 400 when forged (Azurite takes anything). Only the read
    /// is judged so: a 400 from the writes after it is Trax's own fault.
    /// </summary>
    private static async Task<(T Page, string? Next)?> PageAsync<T>(Func<Task<(T, string?)>> read, string? sent)
    {
        try
        {
            return await read();
        }
        catch (RequestFailedException e) when (e.Status == 400 && sent is not null)
        {
            return null;
        }
    }
}
