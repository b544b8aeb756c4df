using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Trax.Tests.Integration;

/// <summary>The hostile review of the forwards, postback log, conversions, links, poison and sign-in screens.</summary>
public sealed partial class ConsoleBrowserTests
{
    [Test]
    public async Task Logs_RefusedPageToken_ShowTheApisReasonInsteadOfNothing()
    {
        await PutForwardAsync("ads", """{"url":"https://ads.example/pb?c={clickid}"}""");
        await page.GotoAsync("/console/postbacks?page=not-a-token");
        await SignInAsync();
        // The refusal names a parameter no field shows (continuationToken): it must be shown, not hidden as a field's.
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("invalid-continuation-token");

        await page.GotoAsync("/console/forwards/deliveries?id=ads&page=not-a-token");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("invalid-continuation-token");

        await page.GotoAsync($"/console/conversions?from={Day(0)}&to={Day(0)}&page=not-a-token");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("invalid-continuation-token");
        await AssertNoProblemsAsync();
    }
}
