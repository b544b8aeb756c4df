namespace Trax.Tests.Integration;

/// <summary>The mapping's preview refuses what the upload refuses: an export with no header has nothing to map.</summary>
public sealed partial class ReconciliationTests
{
    [TestCase("")]
    [TestCase(" \r\n\t\r\n")]
    [TestCase("\uFEFF")]
    [TestCase("\uFEFF \r\n")]
    public async Task Preview_NoHeader_Answers400WithTheUploadsReason(string csv)
    {
        var upload = await ReconcileAsync(csv);

        var preview = await trax.SendAsync(HttpRequests.Create("POST", $"/api/reconciliations/preview?network={Network}", csv, "text/csv"));

        Assert.That((upload.StatusCode, upload.Field("reason")), Is.EqualTo((400, "no-rows")), upload.Text);
        Assert.That((preview.StatusCode, preview.Field("reason")), Is.EqualTo((400, "no-rows")), preview.Text);
    }
}
