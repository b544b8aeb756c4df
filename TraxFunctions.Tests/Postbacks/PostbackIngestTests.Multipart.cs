using Moq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Trax.Core;
using Trax.Input;

namespace Trax.Tests.Postbacks;

/// <summary>A multipart body: its fields read like a form, kept as their text, and a broken one refused.</summary>
public sealed partial class PostbackIngestTests
{
    [Test]
    public async Task Ingest_MultipartNonAsciiField_IsStoredAsItsTextNotPercentEncoded()
    {
        var note = string.Concat(Enumerable.Repeat("Ünïcødé ✓ ", 800));
        var body = "--xyz\r\nContent-Disposition: form-data; name=\"clickid\"\r\n\r\n85512345\r\n" +
                   $"--xyz\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n{note}\r\n" +
                   "--xyz\r\nContent-Disposition: form-data; name=\"odd\"\r\n\r\na&b=c+d%\r\n--xyz--\r\n";

        var answer = await app.SendAsync(HttpRequests.Create("POST", "/wp-json/trax/v1/reg", body, "multipart/form-data; boundary=xyz"));

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        var stored = app.Queue.Messages.Single().Body!;
        Assert.That(stored.Length, Is.LessThan(note.Length + 100), "about as long as what was sent");
        var parsed = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(stored);
        Assert.That(parsed["note"].ToString(), Is.EqualTo(note));
        Assert.That(parsed["odd"].ToString(), Is.EqualTo("a&b=c+d%"), "what would change the parse is escaped");
    }

    [Test]
    public async Task Ingest_BrokenMultipartBody_Returns400InvalidBody()
    {
        var request = HttpRequests.Create("POST", "/wp-json/trax/v1/reg?clickid=1", "--xyz\r\nnot a part", "multipart/form-data; boundary=xyz");

        var answer = await app.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(400));
        Assert.That(answer.Field("reason"), Is.EqualTo("invalid-body"));
        Assert.That(app.Queue.Messages, Is.Empty);
    }

    [Test]
    public async Task Ingest_MultipartFields_AreReadLikeAForm()
    {
        const string body = "--xyz\r\nContent-Disposition: form-data; name=\"clickid\"\r\n\r\n85512345\r\n" +
                            "--xyz\r\nContent-Disposition: form-data; name=\"network\"\r\n\r\nAffiliateWeb\r\n--xyz--\r\n";
        var request = HttpRequests.Create("POST", "/wp-json/trax/v1/reg", body, "multipart/form-data; boundary=xyz");
        request.ContentLength = null; // chunked: read within the limit all the same

        var answer = await app.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        Assert.That(app.Queue.Messages.Single().Network, Is.EqualTo("AffiliateWeb"));
        Assert.That(app.Queue.Messages.Single().Body, Is.EqualTo("clickid=85512345&network=AffiliateWeb"));
    }
}
