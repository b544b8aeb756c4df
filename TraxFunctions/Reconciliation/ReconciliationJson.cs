using System.Text.Json.Serialization;

namespace Trax.Reconciliation;

/// <summary>The JSON of the reconciliation APIs and of what they store (camelCase, nulls left out).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ReconciliationSummary))]
[JsonSerializable(typeof(ReconciliationRow))]
[JsonSerializable(typeof(RememberedMapping))]
[JsonSerializable(typeof(ReconciliationRowsPage))]
[JsonSerializable(typeof(MappingPreview))]
internal sealed partial class ReconciliationJson : JsonSerializerContext;
