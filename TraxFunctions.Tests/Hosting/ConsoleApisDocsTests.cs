using System.Text;
using Trax.PostbackCheck;

namespace Trax.Tests.Hosting;

/// <summary>The reason codes of the APIs made for the console are the closed sets docs/console.md documents.</summary>
public sealed class ConsoleApisDocsTests
{
    private static string ConsolePage => File.ReadAllText(RepoPaths.File("docs", "console.md"), Encoding.UTF8);

    [Test]
    public void CheckRejections_ReasonCodes_AreDocumentedInTheConsolePage()
    {
        var page = ConsolePage;

        foreach (var reason in CheckRejections.Reasons)
        {
            Assert.That(page, Does.Contain($"`{reason}`"), $"docs/console.md documents {reason}");
        }

        Assert.That(CheckRejections.Reasons, Is.Unique);
    }
}
