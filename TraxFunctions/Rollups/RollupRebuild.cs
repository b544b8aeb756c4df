using Trax.Http;
using Trax.Input;

namespace Trax.Rollups;

/// <summary>
/// The handler behind <c>POST /api/reports/rebuild?from=YYYY-MM-DD&amp;to=YYYY-MM-DD</c> (UTC days): recomputes every
/// closed hour's rollup of up to <see cref="DaysPerCall"/> days from the index and answers where to go on from
/// (<c>next</c>, null when done). Idempotent (a rollup is derived: rebuilding writes the same rows) and resumable
/// (call again with <c>from=next</c>; a call that failed half-way is simply repeated).
/// </summary>
public sealed class RollupRebuild(RollupRoller roller, ILogger<RollupRebuild> logger)
{
    /// <summary>The longest range one request may name.</summary>
    public const int MaxDays = 400;

    /// <summary>Days rebuilt per call: 8 shard-days each, so a call stays within a few seconds.</summary>
    public const int DaysPerCall = 31;

    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var reader = new QueryReader(request.Query);
        var from = reader.RequiredDay("from");
        var to = reader.RequiredDay("to");
        if (from is { } f && to is { } t)
        {
            if (t < f)
            {
                reader.Fail(RollupRejections.InvalidRange);
            }
            else if (t.DayNumber - f.DayNumber + 1 > MaxDays)
            {
                reader.Fail(RollupRejections.RangeTooLong);
            }
        }

        if (reader.Rejection is { } rejection)
        {
            return Answers.Rejected(rejection);
        }

        var last = from!.Value.AddDays(Math.Min(DaysPerCall, to!.Value.DayNumber - from.Value.DayNumber + 1) - 1);
        var hours = await roller.RollDaysAsync(from.Value, last, cancellationToken, force: true);
        Log.Rebuilt(logger, from.Value, last, hours);
        return Answers.Json(json =>
        {
            json.WriteStartObject();
            json.WriteString("status", "ok");
            json.WriteString("from", from.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("rebuiltTo", last.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteNumber("hours", hours);
            if (last < to.Value)
            {
                json.WriteString("next", last.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                json.WriteNull("next");
            }

            json.WriteEndObject();
        });
    }
}
