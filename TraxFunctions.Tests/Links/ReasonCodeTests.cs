using System.Text;
using Trax.Clicks;
using Trax.Links;

namespace Trax.Tests.Links;

public sealed class ReasonCodeTests
{
    [Test]
    public void LinkAndClickRejections_ReasonCodes_AreDocumentedInTheReadme()
    {
        var readme = File.ReadAllText(RepoPaths.File("README.md"), Encoding.UTF8);

        foreach (var rejection in LinkRejections.All.Concat(ClickRejections.All))
        {
            Assert.That(readme, Does.Contain($"`{rejection.Reason}`"), $"README documents {rejection.Reason}");
        }

        Assert.That(LinkRejections.All.Select(r => r.Reason), Is.Unique);
        Assert.That(ClickRejections.All.Select(r => r.Reason), Is.Unique);
    }
}
