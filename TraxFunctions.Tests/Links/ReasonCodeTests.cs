using System.Text;
using Trax.Clicks;
using Trax.Links;

namespace Trax.Tests.Links;

public sealed class ReasonCodeTests
{
    [Test]
    public void LinkAndClickRejections_ReasonCodes_AreDocumentedInClicksAndLinks()
    {
        var page = File.ReadAllText(RepoPaths.File("docs", "clicks-and-links.md"), Encoding.UTF8);

        foreach (var rejection in LinkRejections.All.Concat(ClickRejections.All))
        {
            Assert.That(page, Does.Contain($"`{rejection.Reason}`"), $"docs/clicks-and-links.md documents {rejection.Reason}");
        }

        Assert.That(LinkRejections.All.Select(r => r.Reason), Is.Unique);
        Assert.That(ClickRejections.All.Select(r => r.Reason), Is.Unique);
    }
}
