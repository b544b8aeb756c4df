using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Trax.Input;
using Trax.Telemetry;

namespace Trax.Tests.Infra;

/// <summary>
/// Monitoring as deployed: the workspace-based Application Insights, the action group, one alert per signal and the
/// workbook, and that every metric and dimension their queries name is one <see cref="TraxMetrics"/> emits.
/// </summary>
public sealed partial class AlertsTemplateTests
{
    private static CompiledInfra Infra => CompiledInfra.Current;

    private static List<JsonObject> Rules => Infra.OfType("Microsoft.Insights/scheduledQueryRules").ToList();

    private static JsonObject Rule(string suffix) =>
        Rules.SingleOrDefault(r => ((string)r["name"]!).EndsWith("-" + suffix, StringComparison.Ordinal))
        ?? throw new AssertionException($"No alert rule named *-{suffix}.");

    private static string Query(JsonObject rule) => (string)rule["properties"]!["criteria"]!["allOf"]![0]!["query"]!;

    [Test]
    public void ActionGroup_AlertEmailParameter_IsItsReceiver()
    {
        var group = Infra.Single("Microsoft.Insights/actionGroups");
        var receivers = group["properties"]!["emailReceivers"]!.AsArray();

        Assert.That(receivers.Select(r => (string?)r!["emailAddress"]), Is.EqualTo(new[] { "operators@example.com" }), "ci.bicepparam's alertEmail");
        Assert.That((bool?)group["properties"]!["enabled"], Is.True);
    }

    [TestCase("poison-messages")]
    [TestCase("server-errors")]
    [TestCase("rejection-spike")]
    [TestCase("silent-network")]
    [TestCase("processor-stalled")]
    public void Alert_EachSignal_IsAnEnabledRuleOnAppInsightsThatNotifiesTheActionGroup(string suffix)
    {
        var rule = Rule(suffix)["properties"]!;
        var criterion = rule["criteria"]!["allOf"]![0]!;

        Assert.That((bool?)rule["enabled"], Is.True);
        Assert.That(rule["scopes"]!.AsArray().Select(s => (string?)s), Is.EqualTo(new[] { (string?)Infra.Single("Microsoft.Insights/components")["id"] }));
        Assert.That(rule["actions"]!["actionGroups"]!.AsArray().Select(a => (string?)a), Is.EqualTo(new[] { (string?)Infra.Single("Microsoft.Insights/actionGroups")["id"] }));
        Assert.That((string?)criterion["operator"], Is.EqualTo("GreaterThan"));
        Assert.That((double?)criterion["threshold"], Is.Zero, "the query returns rows only when something is wrong");
        Assert.That(System.Xml.XmlConvert.ToTimeSpan((string)rule["evaluationFrequency"]!),
            Is.LessThanOrEqualTo(System.Xml.XmlConvert.ToTimeSpan((string)rule["windowSize"]!)));
        Assert.That((string?)rule["description"], Is.Not.Empty);
    }

    [Test]
    public void Alert_PoisonMessages_FiresOnAnyMessageInThePoisonQueue()
    {
        var query = Query(Rule("poison-messages"));

        Assert.That(query, Does.Contain("\"trax.queue.depth\"").And.Contain("== \"poison\"").And.Contain("value > 0"));
    }

    [Test]
    public void Alert_ProcessorStalled_FiresWhenTheFrontMessageWaitsLongerThanTheParameter()
    {
        // Intake keeps answering 200 while nothing is processed: only the queue's age shows it.
        var rule = Rule("processor-stalled")["properties"]!;
        var query = Query(Rule("processor-stalled"));

        Assert.That(query, Does.Contain("\"trax.queue.oldest_age\"").And.Contain("== \"main\"").And.Contain("> 600"), "10 minutes by default");
        Assert.That((int?)rule["severity"], Is.EqualTo(1));
        Assert.That((string?)rule["description"], Does.Contain("ProcessPostback"));
    }

    [Test]
    public void Alert_ServerErrors_ComparesThe5xxShareWithTheParameter()
    {
        var query = Query(Rule("server-errors"));

        Assert.That(query, Does.Contain("requests").And.Contain("toint(resultCode) >= 500").And.Contain("failedPercent > 5"));
    }

    [Test]
    public void Alert_RejectionSpike_ComparesRejectedWithAllPostbacks()
    {
        var query = Query(Rule("rejection-spike"));

        Assert.That(query, Does.Contain("\"trax.postbacks.rejected\"").And.Contain("\"trax.postbacks.accepted\"").And.Contain("rejectedPercent > 20"));
    }

    [Test]
    public void Alert_SilentNetwork_AlertsPerNetworkAfterTheParameterHours()
    {
        var rule = Rule("silent-network")["properties"]!;
        var dimensions = rule["criteria"]!["allOf"]![0]!["dimensions"]!.AsArray();

        Assert.That((string?)rule["windowSize"], Is.EqualTo("PT6H"));
        Assert.That((string?)rule["overrideQueryTimeRange"], Is.EqualTo("P2D"), "looks back far enough to know the usual networks");
        Assert.That(Query(Rule("silent-network")), Does.Contain("ago(6h)"));
        Assert.That(dimensions.Select(d => (string?)d!["name"]), Is.EqualTo(new[] { "network" }));
    }

    [Test]
    public void Workbook_Deployed_ChartsIntakeRejectsDuplicatesUpdatesUploadsForwardsLatencyAndQueueDepths()
    {
        var workbook = Infra.Single("Microsoft.Insights/workbooks");
        var queries = WorkbookQueries();

        Assert.That((string?)workbook["properties"]!["sourceId"], Is.EqualTo((string?)Infra.Single("Microsoft.Insights/components")["id"]));
        foreach (var metric in new[]
        {
            "trax.postbacks.accepted", "trax.postbacks.rejected", "trax.conversions.duplicates", "trax.conversions.updated", "trax.uploads.rows",
            "trax.conversions.latency", "trax.queue.depth", "trax.queue.oldest_age",
            "trax.forwards.delivered", "trax.forwards.retried", "trax.forwards.failed", "trax.forwards.latency",
        })
        {
            Assert.That(queries, Has.Some.Contain($"\"{metric}\""), metric);
        }
    }

    [Test]
    public void Queries_MetricsAndDimensionsTheyName_AreOnesTraxMetricsEmits()
    {
        var emitted = EmittedMetrics();
        var text = string.Join('\n', Rules.Select(Query).Concat(WorkbookQueries()));

        var metrics = MetricName().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();
        var dimensions = Dimension().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.That(metrics, Does.Contain("trax.conversions.latency"), "the workbook's queries are read too");
        Assert.That(metrics, Is.SubsetOf(emitted.Keys), "every queried metric exists");
        Assert.That(dimensions, Is.SubsetOf(emitted.Values.SelectMany(tags => tags).Distinct()), "every queried dimension is recorded");
    }

    private static List<string> WorkbookQueries() =>
        JsonNode.Parse((string)Infra.Single("Microsoft.Insights/workbooks")["properties"]!["serializedData"]!)!["items"]!.AsArray()
            .Select(i => (string?)i!["content"]!["query"]).OfType<string>().ToList();

    /// <summary>Instrument name → tag keys, from one call of each TraxMetrics method.</summary>
    private static Dictionary<string, HashSet<string>> EmittedMetrics()
    {
        using var test = new Meters();
        var emitted = new Dictionary<string, HashSet<string>>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == test.Factory)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        void Record(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var keys = emitted.TryGetValue(instrument.Name, out var existing) ? existing : emitted[instrument.Name] = [];
            foreach (var tag in tags)
            {
                keys.Add(tag.Key);
            }
        }

        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => Record(instrument, tags));
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Record(instrument, tags));
        listener.Start();

        test.Metrics.PostbackAccepted("ftd", "AffiliateWeb");
        test.Metrics.PostbackRejected("ftd", Rejection.MissingClickId.Reason);
        test.Metrics.ConversionStored("ftd", orphan: true, latencyMs: 12);
        test.Metrics.DuplicateIgnored("ftd");
        test.Metrics.ConversionUpdated("sale", "pending", "rejected");
        test.Metrics.UploadRows(accepted: 2, rejected: 1);
        test.Metrics.QueueDepth("postbacks-poison", "poison", 1);
        test.Metrics.QueueOldestAge("postbacks", TimeSpan.FromMinutes(1));
        test.Metrics.ForwardAttempted("ads", latencyMs: 40);
        test.Metrics.ForwardDelivered("ads", 200);
        test.Metrics.ForwardRetried("ads", 503);
        test.Metrics.ForwardFailed("ads", null);
        return emitted;
    }

    [GeneratedRegex("\"(trax\\.[a-z_.]+)\"")]
    private static partial Regex MetricName();

    [GeneratedRegex("customDimensions\\[\"([A-Za-z_]+)\"\\]")]
    private static partial Regex Dimension();
}
