using System.Text;
using Trax.Postbacks;
using Trax.Reports;

namespace Trax.Tests.Hosting;

/// <summary>Every reason code a network or an operator may match on is documented where they will look for it.</summary>
public sealed class DocsTests
{
    private static string Readme => File.ReadAllText(RepoPaths.File("README.md"), Encoding.UTF8);

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
}
