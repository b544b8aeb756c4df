using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Trax.Telemetry;

/// <summary>
/// Trax's own metrics, with the dimensions operators split by. They reach Application Insights (customMetrics,
/// dimensions in customDimensions) through the OpenTelemetry exporter (<see cref="TraxTelemetry"/>); the alerts and
/// the workbook in infra/app/alerts.bicep query them by these names, so renaming one breaks them.
/// </summary>
public sealed class TraxMetrics
{
    public const string MeterName = "Trax";

    /// <summary>Longest network name kept as a dimension value; networks choose it, so it is bounded here.</summary>
    internal const int MaxNetworkLength = 64;

    private readonly Counter<long> accepted;
    private readonly Counter<long> rejected;
    private readonly Counter<long> created;
    private readonly Counter<long> duplicates;
    private readonly Counter<long> orphans;
    private readonly Counter<long> updated;
    private readonly Counter<long> uploadRows;
    private readonly Counter<long> forwardsDelivered;
    private readonly Counter<long> forwardsRetried;
    private readonly Counter<long> forwardsFailed;
    private readonly Histogram<double> forwardLatency;
    private readonly Histogram<double> latency;
    private readonly Gauge<long> queueDepth;
    private readonly Gauge<double> queueOldestAge;
    private readonly Counter<long> clicksRecorded;
    private readonly Counter<long> clicksLost;
    private readonly Counter<long> bots;

    public TraxMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        accepted = meter.CreateCounter<long>("trax.postbacks.accepted", "{postback}", "Postbacks queued (answered 200).");
        rejected = meter.CreateCounter<long>("trax.postbacks.rejected", "{postback}", "Postbacks refused with a 4xx and a reason.");
        created = meter.CreateCounter<long>("trax.conversions.created", "{conversion}", "Conversions stored, orphans included.");
        duplicates = meter.CreateCounter<long>("trax.conversions.duplicates", "{conversion}", "Postbacks for a conversion stored before.");
        orphans = meter.CreateCounter<long>("trax.conversions.orphans", "{conversion}", "Conversions stored for a click id we do not know.");
        updated = meter.CreateCounter<long>("trax.conversions.updated", "{conversion}", "Stored conversions whose status or payout a newer postback changed.");
        uploadRows = meter.CreateCounter<long>("trax.uploads.rows", "{row}", "Rows of conversion uploads, queued or rejected.");
        forwardsDelivered = meter.CreateCounter<long>("trax.forwards.delivered", "{job}", "Forward jobs a destination answered 2xx.");
        forwardsRetried = meter.CreateCounter<long>("trax.forwards.retried", "{attempt}", "Forward attempts that failed and were queued again.");
        forwardsFailed = meter.CreateCounter<long>("trax.forwards.failed", "{job}", "Forward jobs that failed for good (not retried, or out of retries).");
        forwardLatency = meter.CreateHistogram<double>("trax.forwards.latency", "ms", "From sending a forward's request to its answer (or its failure).");
        latency = meter.CreateHistogram<double>("trax.conversions.latency", "ms", "From the postback's receipt to its conversion being stored.");
        queueDepth = meter.CreateGauge<long>("trax.queue.depth", "{message}", "Approximate messages in a Trax queue.");
        queueOldestAge = meter.CreateGauge<double>("trax.queue.oldest_age", "s", "How long the message at the front of the postback queue has waited.");

        // Every redirect is a recorded click, a lost one (storage failed, visitor redirected anyway) or a bot
        // (redirected, not recorded); tagged with the link id.
        clicksRecorded = meter.CreateCounter<long>("trax.clicks.recorded", "{click}", "Clicks stored by the redirect.");
        clicksLost = meter.CreateCounter<long>("trax.clicks.lost", "{click}", "Visitors redirected whose click could not be stored.");
        bots = meter.CreateCounter<long>("trax.clicks.bots", "{request}", "Bots and link previewers redirected without a click.");
    }

    public void PostbackAccepted(string type, string? network) =>
        accepted.Add(1, new("type", type), new("network", NetworkDimension(network)));

    public void PostbackRejected(string type, string reason) =>
        rejected.Add(1, new("type", type), new("reason", reason));

    public void ConversionStored(string type, bool orphan, double latencyMs)
    {
        var tag = new KeyValuePair<string, object?>("type", type);
        created.Add(1, tag);
        if (orphan)
        {
            orphans.Add(1, tag);
        }

        latency.Record(latencyMs, tag);
    }

    /// <summary><paramref name="from"/> and <paramref name="to"/> are statuses (pending, approved, rejected): the same for a payout correction.</summary>
    public void ConversionUpdated(string type, string from, string to) =>
        updated.Add(1, new("type", type), new("from", from), new("to", to));

    public void UploadRows(int accepted, int rejected)
    {
        uploadRows.Add(accepted, new KeyValuePair<string, object?>("outcome", "accepted"));
        uploadRows.Add(rejected, new KeyValuePair<string, object?>("outcome", "rejected"));
    }

    public void ForwardAttempted(string forwardId, double latencyMs) =>
        forwardLatency.Record(latencyMs, new KeyValuePair<string, object?>("forward", forwardId));

    public void ForwardDelivered(string forwardId, int? statusCode) => forwardsDelivered.Add(1, ForwardTags(forwardId, statusCode));

    public void ForwardRetried(string forwardId, int? statusCode) => forwardsRetried.Add(1, ForwardTags(forwardId, statusCode));

    public void ForwardFailed(string forwardId, int? statusCode) => forwardsFailed.Add(1, ForwardTags(forwardId, statusCode));

    /// <summary>The forward and the answer's class: <c>2xx</c> … <c>5xx</c>, or <c>none</c> (timeout, no connection, refused).</summary>
    private static TagList ForwardTags(string forwardId, int? statusCode) =>
        new([new("forward", forwardId), new("class", statusCode is { } code ? $"{code / 100}xx" : "none")]);

    public void DuplicateIgnored(string type) => duplicates.Add(1, new KeyValuePair<string, object?>("type", type));

    /// <summary><paramref name="kind"/> is <c>main</c>, <c>poison</c>, <c>forwards</c> or <c>forwards-poison</c>: the alerts filter on it.</summary>
    public void QueueDepth(string queue, string kind, long depth) =>
        queueDepth.Record(depth, new("queue", queue), new("kind", kind));

    /// <summary>A front message that keeps ageing means nothing is processing the queue.</summary>
    public void QueueOldestAge(string queue, TimeSpan age) =>
        queueOldestAge.Record(age.TotalSeconds, new("queue", queue), new("kind", "main"));

    public void ClickRecorded(string linkId) => clicksRecorded.Add(1, new KeyValuePair<string, object?>("link", linkId));

    public void ClickLost(string linkId) => clicksLost.Add(1, new KeyValuePair<string, object?>("link", linkId));

    public void BotRedirected(string linkId, string bot) =>
        bots.Add(1, new KeyValuePair<string, object?>("link", linkId), new KeyValuePair<string, object?>("bot", bot));

    internal static string NetworkDimension(string? network) => network switch
    {
        null or "" => "(none)",
        { Length: > MaxNetworkLength } => network[..MaxNetworkLength],
        _ => network,
    };
}
