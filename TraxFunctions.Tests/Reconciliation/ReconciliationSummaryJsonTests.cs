using System.Text.Json;
using System.Text.Json.Nodes;
using Trax.Reconciliation;

namespace Trax.Tests.Reconciliation;

/// <summary>A summary as the Reconciliations table keeps it, written before a field existed, still reads.</summary>
public sealed class ReconciliationSummaryJsonTests
{
    [Test]
    public void Read_ASummaryStoredBeforeTheRefusalReadWasBounded_IsComplete()
    {
        var summary = new ReconciliationSummary
        {
            Id = "019ad6c0000070008000000000000001", Network = "AffiliateWeb", From = "2026-11-01", To = "2026-11-30", TimeZone = "UTC",
            Start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), End = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
            Mapping = new ExportMapping { ClickId = "clickid", TypeValue = "ftd" }, CreatedAt = DateTimeOffset.UnixEpoch,
            ExportRows = 1, TraxConversions = 0, Categories = [], Reasons = new Dictionary<string, int>(),
            RefusalReasons = new Dictionary<string, int>(), RefusalsComplete = false,
        };
        var stored = JsonNode.Parse(JsonSerializer.Serialize(summary, ReconciliationJson.Default.ReconciliationSummary))!.AsObject();
        Assert.That(stored.Remove("refusalsComplete"), Is.True, "the field is written today");

        var old = JsonSerializer.Deserialize(stored.ToJsonString(), ReconciliationJson.Default.ReconciliationSummary)!;

        // It read every refused postback then: its refusals are complete.
        Assert.That((old.RefusalsComplete, old.Network, old.ExportRows), Is.EqualTo((true, "AffiliateWeb", 1)));
    }
}
