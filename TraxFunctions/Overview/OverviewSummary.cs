using System.Text.Json;
using Trax.Core;
using Trax.Http;
using Trax.Input;
using Trax.Monitoring;
using Trax.PostbackLog;
using Trax.Postbacks;
using Trax.Reports;
using Trax.Zones;

namespace Trax.Overview;

/// <summary>
/// <c>GET /api/overview?from=&amp;to=[&amp;tz=]</c>: for the days of a zone (<c>tz=</c>, else the setting; at most
/// <see cref="ReportRequest.MaxDays"/>, like reports), the postbacks refused by reason (the postback log's rejected
/// rows received inside the zone's days, at most <see cref="RefusalReadCap"/> of them: beyond, the counts say they are
/// lower bounds), the conversions by attribution (the report itself, grouped by attribution, so the figures are
/// the report's), and the processor's health now (the queue reader the monitoring timer uses).
/// </summary>
public sealed class OverviewSummary(
    ConversionReport report,
    PostbackLogStore postbackLog,
    QueueDepthReporter queues,
    PostbackQueue postbackQueue,
    TimeZones zones,
    TimeProvider time)
{
    /// <summary>The processor looks stalled when the front message has waited this long: the processor-stalled alert's default.</summary>
    public static readonly TimeSpan StalledAfter = TimeSpan.FromMinutes(10);

    /// <summary>
    /// At most this many refused postbacks' log rows are read for one answer, an eighth from each log shard; beyond it
    /// the counts are lower bounds and the answer says so (<c>"complete": false</c>).
    /// </summary>
    public const int RefusalReadCap = 10_000;

    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (range, rejection) = Parse(request.Query);
        if (rejection is not null)
        {
            return Answers.Rejected(rejection);
        }

        var days = range!;
        var (reasons, complete) = await RejectionsAsync(days, cancellationToken);
        var attribution = await report.RunAsync(
            new ReportRequest(days.From, days.To, ["attribution"], ReportRequest.Json) { Zone = days.Zone }, cancellationToken);
        var health = await queues.ReportAsync(cancellationToken);
        var now = time.GetUtcNow();
        return Answers.Json(writer => Write(writer, days, now, (reasons, complete), attribution, health));
    }

    private (ZoneDayRange?, Rejection?) Parse(IQueryCollection query)
    {
        var reader = new QueryReader(query);
        var zone = zones.Read(reader);
        var range = TimeZones.Range(reader, zone, reader.RequiredDay("from"), reader.RequiredDay("to"), ReportRequest.MaxDays);
        return reader.Rejection is { } rejection ? (null, rejection) : (range, null);
    }

    /// <summary>
    /// Refused postbacks per reason code, received inside the zone's days, from at most <see cref="RefusalReadCap"/> log
    /// rows (a flood of bad postbacks must not make the overview read millions): exact, or marked not complete.
    /// </summary>
    private async Task<(SortedDictionary<string, long> Counts, bool Complete)> RejectionsAsync(ZoneDayRange days, CancellationToken cancellationToken)
    {
        var (reasons, complete) = await postbackLog.ReadRefusalReasonsAsync(days.Start, days.End, RefusalReadCap / PostbackLogKeys.LogShards, cancellationToken);
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var reason in reasons.Select(r => r ?? "unknown"))
        {
            counts[reason] = counts.GetValueOrDefault(reason) + 1;
        }

        return (counts, complete);
    }

    private void Write(Utf8JsonWriter writer, ZoneDayRange days, DateTimeOffset now,
        (SortedDictionary<string, long> Counts, bool Complete) refusals, ReportResult attribution, QueueDepths health)
    {
        var reasons = refusals.Counts;
        writer.WriteStartObject();
        writer.WriteString("from", days.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteString("to", days.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteString("timeZone", days.Zone.Id);
        writer.WriteString("generatedAt", now);

        writer.WriteStartObject("rejectedPostbacks");
        writer.WriteNumber("total", reasons.Values.Sum());

        // False: more refusals than were read, so total and each count are "at least".
        writer.WriteBoolean("complete", refusals.Complete);
        writer.WriteStartArray("byReason");
        foreach (var (reason, count) in reasons.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal))
        {
            writer.WriteStartObject();
            writer.WriteString("reason", reason);
            writer.WriteNumber("count", count);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();

        // Every stored conversion of the days by attribution, whatever its status (the report's conversions + rejected).
        var byAttribution = Attributions.All.ToDictionary(a => a, _ => 0L);
        foreach (var row in attribution.Rows)
        {
            if (row.Dimensions[0] is { } name)
            {
                byAttribution[name] = byAttribution.GetValueOrDefault(name) + row.Sums.Net.Conversions + row.Sums.Rejected.Conversions;
            }
        }

        writer.WriteStartObject("conversions");
        foreach (var (name, count) in byAttribution)
        {
            writer.WriteNumber(name, count);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("orphans");
        writer.WriteNumber("count", byAttribution[Attributions.Unattributed]);
        writer.WriteNumber("outsideWindow", byAttribution[Attributions.OutsideWindow]);
        writer.WriteEndObject();

        var stalled = health.Main > 0 && health.OldestAge >= StalledAfter;
        writer.WriteStartObject("processor");
        writer.WriteString("queue", postbackQueue.Name);
        writer.WriteNumber("depth", health.Main);
        if (health.Main > 0)
        {
            writer.WriteNumber("oldestMessageAgeSeconds", (long)health.OldestAge.TotalSeconds);
        }
        else
        {
            writer.WriteNull("oldestMessageAgeSeconds");
        }

        writer.WriteNumber("poison", health.Poison);
        writer.WriteNumber("forwardsDepth", health.Forwards);
        writer.WriteNumber("forwardsPoison", health.ForwardsPoison);
        writer.WriteNumber("stalledAfterSeconds", (long)StalledAfter.TotalSeconds);
        writer.WriteBoolean("stalled", stalled);
        if (stalled)
        {
            writer.WriteString("stalledReason",
                $"The oldest postback has waited {(long)health.OldestAge.TotalMinutes} minutes in the queue (more than {(long)StalledAfter.TotalMinutes}): the processor is not keeping up or not running, while intake still answers 200.");
        }
        else
        {
            writer.WriteNull("stalledReason");
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
