using Trax.Clicks;
using Trax.Http;
using Trax.Input;
using Trax.Storage;

namespace Trax.Traffic;

/// <summary>
/// The handler behind <c>POST /api/reports/traffic/recount[?limit=1-1000][&amp;continuationToken=…]</c>: one page of
/// the Clicks table, each click counted if it is not (insert-if-absent, so a counted click is left as it is), and the
/// token of the next page (null at the end). Counts the clicks a failed count left out (event 3020) and clicks stored
/// before clicks were counted; safe to run again at any time and while clicks flow.
/// </summary>
public sealed class TrafficRecount(ClickStore clicks, ClickDayStore days, ILogger<TrafficRecount> logger)
{
    private const string TokenKind = "clicks";

    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var reader = new QueryReader(request.Query);
        var (limit, azureToken) = PassPage.Read(reader, sent => ContinuationToken.Decode(sent) is [TokenKind, var inner] ? inner : null);

        if (reader.Rejection is { } rejection)
        {
            return Answers.Rejected(rejection);
        }

        var (page, next) = await clicks.ListPageAsync(limit, azureToken, cancellationToken);
        var counted = 0;
        await Parallel.ForEachAsync(page, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (click, ct) =>
        {
            if (await days.TryAddAsync(click, ct))
            {
                Interlocked.Increment(ref counted);
            }
        });
        Log.Recounted(logger, page.Count, counted, next is not null);
        return Answers.Json(json =>
        {
            json.WriteStartObject();
            json.WriteString("status", "ok");
            json.WriteNumber("clicks", page.Count);
            json.WriteNumber("counted", counted);
            if (next is not null)
            {
                json.WriteString("continuationToken", ContinuationToken.Encode(TokenKind, next));
            }
            else
            {
                json.WriteNull("continuationToken");
            }

            json.WriteEndObject();
        });
    }
}
