using Trax.Reconciliation;

namespace Trax.Tests.Hosting;

/// <summary>docs/reconciliation.md names every reason code, category and reason a reconciliation can answer with.</summary>
public sealed class ReconciliationDocsTests
{
    private static readonly string Page = File.ReadAllText(RepoPaths.File("docs/reconciliation.md"));

    [Test]
    public void Docs_EveryReasonCodeCategoryAndMissingReason_IsDocumented()
    {
        foreach (var code in ReconciliationRejections.Reasons.Concat(ReconciliationCategories.All).Concat(MissingReasons.All))
        {
            Assert.That(Page, Does.Contain($"`{code}`"), code);
        }

        Assert.That(ReconciliationRejections.Reasons, Is.Unique);
    }

    [Test]
    public void Docs_EveryPreset_IsInThePresetsTable()
    {
        foreach (var preset in MappingPresets.All.Keys)
        {
            Assert.That(Page, Does.Contain($"| `{preset}` |"), preset);
        }
    }
}
