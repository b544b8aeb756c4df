using System.Text;
using Trax.Postbacks;
using Trax.Reports;

namespace Trax.Tests.Hosting;

/// <summary>Every closed set of reason codes (postbacks, queries, uploads, forwards) is documented where a caller looks.</summary>
public sealed partial class DocsTests
{
    [Test]
    public void Rejection_ReasonCodes_AreTheDocumentedClosedSet()
    {
        var readme = Readme;

        foreach (var reason in PostbackRejections.All.Select(r => r.Reason).Append("storage-unavailable"))
        {
            Assert.That(readme, Does.Contain($"`{reason}`"), $"README documents {reason}");
        }

        Assert.That(PostbackRejections.All.Select(r => r.Reason), Is.Unique);
    }

    [Test]
    public void QueryRejections_ReasonCodes_AreDocumentedInTheReportsSection()
    {
        var reports = File.ReadAllText(RepoPaths.File("docs", "reports.md"), Encoding.UTF8);

        foreach (var reason in QueryRejections.Reasons.Concat(["missing-clickid", "invalid-clickid", "storage-unavailable"]))
        {
            Assert.That(reports, Does.Contain($"`{reason}`"), $"docs/reports.md documents {reason}");
        }

        Assert.That(QueryRejections.Reasons.Intersect(PostbackRejections.All.Select(r => r.Reason)), Is.Empty,
            "query reason codes do not reuse postback ones with another meaning");
    }

    [Test]
    public void UploadRejections_ReasonCodes_AreDocumentedInTheLifecyclePage()
    {
        var lifecycle = File.ReadAllText(RepoPaths.File("docs", "lifecycle.md"), Encoding.UTF8);

        foreach (var reason in Trax.Uploads.UploadRejections.Reasons.Append("storage-unavailable"))
        {
            Assert.That(lifecycle, Does.Contain($"`{reason}`"), $"docs/lifecycle.md documents {reason}");
        }

        Assert.That(Trax.Uploads.UploadRejections.Reasons.Intersect(PostbackRejections.All.Select(r => r.Reason)), Is.Empty,
            "an upload's reasons do not reuse a postback's with another meaning (its rows do use the postback ones)");
    }

    [Test]
    public void ForwardRejections_ReasonCodes_AreDocumentedInTheForwardingPage()
    {
        var forwarding = File.ReadAllText(RepoPaths.File("docs", "forwarding.md"), Encoding.UTF8);

        foreach (var reason in Trax.Forwards.ForwardRejections.Reasons.Concat(["missing-parameter", "invalid-date", "storage-unavailable"]))
        {
            Assert.That(forwarding, Does.Contain($"`{reason}`"), $"docs/forwarding.md documents {reason}");
        }

        foreach (var macro in Trax.Forwards.ForwardMacros.All)
        {
            Assert.That(forwarding, Does.Contain($"{{{macro}}}"), $"docs/forwarding.md documents {{{macro}}}");
        }

        foreach (var outcome in Trax.Forwards.ForwardDeliveryOutcomes.All)
        {
            Assert.That(forwarding, Does.Contain($"`{outcome}`"), $"docs/forwarding.md documents the outcome {outcome}");
        }

        Assert.That(Trax.Forwards.ForwardRejections.Reasons, Is.Unique);
    }
}
