using System.Diagnostics.Metrics;

namespace Trax.Clicks;

/// <summary>
/// Counters for the redirect (meter <see cref="MeterName"/>), tagged with the link id: every redirect is either a
/// recorded click, a lost one (storage failed, visitor redirected anyway) or a bot (redirected, not recorded).
/// The matching log lines (event ids 3000–3003) make the same counts queryable in Application Insights.
/// </summary>
public sealed class ClickMetrics
{
    public const string MeterName = "Trax.Clicks";

    private readonly Counter<long> recorded;
    private readonly Counter<long> lost;
    private readonly Counter<long> bots;

    public ClickMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        recorded = meter.CreateCounter<long>("trax.clicks.recorded", "{click}", "Clicks stored by the redirect.");
        lost = meter.CreateCounter<long>("trax.clicks.lost", "{click}", "Visitors redirected whose click could not be stored.");
        bots = meter.CreateCounter<long>("trax.clicks.bots", "{request}", "Bots and link previewers redirected without a click.");
    }

    public void Recorded(string linkId) => recorded.Add(1, new KeyValuePair<string, object?>("link", linkId));

    public void Lost(string linkId) => lost.Add(1, new KeyValuePair<string, object?>("link", linkId));

    public void Bot(string linkId, string bot) =>
        bots.Add(1, new KeyValuePair<string, object?>("link", linkId), new KeyValuePair<string, object?>("bot", bot));
}
