using Microsoft.AspNetCore.Http;
using Trax.Clicks;
using Trax.Forwards;
using Trax.Links;
using Trax.PostbackCheck;
using Trax.Rates;
using Trax.Reconciliation;
using Trax.Traffic;
using Trax.Uploads;

namespace Trax.Tests.Http;

/// <summary>
/// Every route that reads a body enforces its own limit in code, announced or not: the host and Azurite take far
/// larger bodies, so a body one byte over is a 413 from Trax, sent chunked (no Content-Length) as from a client that
/// does not say, and a body of exactly the limit is read (whatever it then says of the content).
/// </summary>
public sealed class RequestBodyLimitTests
{
    private static IEnumerable<TestCaseData> Routes()
    {
        yield return Route("POST", "/api/conversions/upload", "text/csv", UploadRejections.MaxBytes);
        yield return Route("POST", "/api/costs", "text/csv", CostRejections.MaxBodyBytes);
        yield return Route("POST", "/api/reconciliations", "text/csv", ReconciliationRejections.MaxBytes);
        yield return Route("POST", "/api/reconciliations/preview", "text/csv", ReconciliationRejections.MaxBytes);
        yield return Route("PUT", "/api/rates/2026-11-24", "application/json", RateRejections.MaxBodyBytes);
        yield return Route("POST", "/api/links", "application/json", LinkRejections.MaxBodyBytes);
        yield return Route("PUT", "/api/links/supergame1", "application/json", LinkRejections.MaxBodyBytes);
        yield return Route("PUT", "/api/forwards/ads", "application/json", ForwardRejections.MaxBodyBytes);
        yield return Route("POST", "/api/forwards/preview", "application/json", ForwardRejections.MaxBodyBytes + 1024);
        yield return Route("POST", "/api/clicks", "application/json", ClickRejections.MaxBodyBytes);
        yield return Route("POST", "/api/postbacks/check", "application/json", CheckRejections.MaxBodyBytes);
    }

    private static TestCaseData Route(string method, string path, string contentType, int limit) =>
        new TestCaseData(method, path, contentType, limit).SetArgDisplayNames(method, path.Split('?')[0]);

    [TestCaseSource(nameof(Routes))]
    public async Task Body_OneByteOverTheLimitUnannounced_Is413(string method, string path, string contentType, int limit)
    {
        using var app = UnitApp.Create();

        var answer = await app.SendAsync(Chunked(method, path, contentType, limit + 1));

        Assert.That(answer.StatusCode, Is.EqualTo(413), answer.Text);
        Assert.That(answer.Field("reason"), Does.EndWith("too-large"));
    }

    [TestCaseSource(nameof(Routes))]
    public async Task Body_OfExactlyTheLimit_IsRead(string method, string path, string contentType, int limit)
    {
        using var app = UnitApp.Create();

        var answer = await app.SendAsync(Chunked(method, path, contentType, limit));

        Assert.That(answer.StatusCode, Is.Not.EqualTo(413).And.LessThan(500), answer.Text);
    }

    private static HttpRequest Chunked(string method, string path, string contentType, int bytes)
    {
        var request = HttpRequests.Create(method, path, new string(' ', bytes), contentType);
        request.ContentLength = null;
        return request;
    }
}
