using System.IO.Compression;
using System.Text;
using Trax.OperatorConsole;

namespace Trax.Tests.OperatorConsole;

/// <summary>
/// The console's files as the functions serve them, routed by functions.metadata: index.html for the console and
/// every client route (never cached), the built files by their exact names (hashed ones cached for a year), a 404
/// for anything else, and the security headers on every answer.
/// </summary>
public sealed class ConsoleSiteTests
{
    private UnitApp app = null!;

    private static readonly ConsoleAssets Assets = new();

    [SetUp]
    public void SetUp() => app = UnitApp.Create();

    [TearDown]
    public void TearDown() => app.Dispose();

    [Test]
    public void Assets_InTheBuiltApp_AreTheConsolesBuild()
    {
        var built = Path.Combine(RepoPaths.Root, "console", "dist");
        var files = Directory.EnumerateFiles(built, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(built, f).Replace('\\', '/'));

        Assert.That(Assets.IsBuilt, Is.True);
        Assert.That(Assets.Paths, Is.EquivalentTo(files), "every file Vite built is embedded, and nothing else");
        Assert.That(Assets.Paths, Has.Some.Match(@"^assets/index-[\w-]+\.js$"));
    }

    [TestCase("/console")]
    [TestCase("/console/")]
    [TestCase("/console/index.html")]
    public async Task Index_AtTheConsolesRoot_IsIndexHtmlNeverCached(string path)
    {
        var answer = await app.Host.SendAsync(HttpRequests.Get(path));

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        Assert.That(answer.Headers.ContentType.ToString(), Is.EqualTo("text/html; charset=utf-8"));
        Assert.That(answer.Headers.CacheControl.ToString(), Is.EqualTo("no-store"));
        Assert.That(answer.Text, Does.Contain("<div id=\"app\">"));
        AssertSecurityHeaders(answer);
    }

    [TestCase("/console/postbacks")]
    [TestCase("/console/postbacks/")]
    [TestCase("/console/conversions/85512345")]
    [TestCase("/CONSOLE/Reports")]
    public async Task ClientRoute_AnyScreenPath_AnswersIndexHtml(string path)
    {
        var answer = await app.Host.SendAsync(HttpRequests.Get(path + "?date=2026-11-25&network=AffiliateWeb"));

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        Assert.That(answer.Text, Is.EqualTo(Encoding.UTF8.GetString(Assets.Resolve(null)!.Content)));
        Assert.That(answer.Headers.CacheControl.ToString(), Is.EqualTo("no-store"));
        AssertSecurityHeaders(answer);
    }

    [Test]
    public async Task BuiltFiles_AreServedExactlyWithTheirTypeAndCache()
    {
        foreach (var path in Assets.Paths.Where(p => p != ConsoleAssets.IndexName))
        {
            var request = HttpRequests.Get("/console/" + path);
            var answer = await app.Host.SendAsync(request);

            Assert.That(answer.StatusCode, Is.EqualTo(200), path);
            Assert.That(Body(request), Is.EqualTo(Assets.Resolve(path)!.Content), path);
            var expectedType = Path.GetExtension(path) switch
            {
                ".js" => "text/javascript; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                ".svg" => "image/svg+xml",
                var other => throw new AssertionException($"{path}: add the type of {other} files to this test"),
            };
            Assert.That(answer.Headers.ContentType.ToString(), Is.EqualTo(expectedType), path);
            Assert.That(answer.Headers.CacheControl.ToString(),
                Is.EqualTo(path.StartsWith("assets/", StringComparison.Ordinal) ? "public, max-age=31536000, immutable" : "no-cache"), path);
            AssertSecurityHeaders(answer);
        }
    }

    [TestCase("/console/../host.json")]
    [TestCase("/console/..%2Fhost.json")]
    [TestCase("/console/%2e%2e/%2e%2e/TraxFunctions.dll")]
    [TestCase("/console/assets/../index.html")]
    [TestCase("/console/assets/..%5C..%5Chost.json")]
    [TestCase("/console/./index.html")]
    [TestCase("/console/assets/missing.js")]
    [TestCase("/console/assets/")]
    [TestCase("/console/assets")]
    [TestCase("/console/favicon.ico")]
    [TestCase("/console/TraxFunctions.dll")]
    [TestCase("/console/host.json")]
    [TestCase("/console/.env")]
    [TestCase("/console/web.config")]
    [TestCase("/console/C:/Windows/win.ini")]
    [TestCase("/console/index.html.bak")]
    [TestCase("/console/Assets/index.html")]
    [TestCase("/console/index.html\u0000")]
    [TestCase("/console/index.html\u0000.js")]
    [TestCase("/console/assets\\..\\..\\host.json")]
    [TestCase("/console/postbacks\u0000")]
    [TestCase("/console/postbacks\n")]
    [TestCase("/console/conversions/\u00e9")]
    [TestCase("/console/%252e%252e/host.json")]
    [TestCase("/console/index.html;.js")]
    [TestCase("/console/index.html::$DATA")]
    [TestCase("/console/ index.html")]
    public async Task Path_ThatIsNeitherAFileNorARoute_Is404WithTheSameHeaders(string path)
    {
        var answer = await app.Host.SendAsync(HttpRequests.Get(path));

        Assert.That(answer.StatusCode, Is.EqualTo(404), path);
        Assert.That(answer.Headers.ContentType.ToString(), Is.EqualTo("text/plain; charset=utf-8"));
        Assert.That(answer.Text, Does.StartWith("Not found"));
        AssertSecurityHeaders(answer);
    }

    [TestCase("gzip", true)]
    [TestCase("gzip, deflate, br, zstd", true)]
    [TestCase("br;q=1.0, gzip;q=0.5", true)]
    [TestCase("*", true)]
    [TestCase("gzip;q=0", false)]
    [TestCase("identity", false)]
    [TestCase(null, false)]
    public async Task TextFile_IsGzippedForABrowserThatTakesGzip(string? acceptEncoding, bool gzipped)
    {
        var script = Assets.Paths.First(p => p.EndsWith(".js", StringComparison.Ordinal));
        var request = HttpRequests.Get("/console/" + script);
        if (acceptEncoding is not null)
        {
            request.Headers.AcceptEncoding = acceptEncoding;
        }

        var answer = await app.Host.SendAsync(request);

        Assert.That(answer.Headers.Vary.ToString(), Is.EqualTo("Accept-Encoding"));
        Assert.That(answer.Headers.ContentEncoding.ToString(), Is.EqualTo(gzipped ? "gzip" : ""));
        var body = Body(request);
        Assert.That(answer.Headers.ContentLength, Is.EqualTo(body.Length));
        Assert.That(gzipped ? Gunzip(body) : body, Is.EqualTo(Assets.Resolve(script)!.Content));
        if (gzipped)
        {
            Assert.That(body, Has.Length.LessThan(Assets.Resolve(script)!.Content.Length));
        }
    }

    [TestCase(256, 200)]
    [TestCase(257, 404)]
    [TestCase(100_000, 404)]
    public async Task ClientRoute_VeryLong_IsIndexUpTo256CharactersThen404(int length, int status)
    {
        var answer = await app.Host.SendAsync(HttpRequests.Get("/console/" + new string('a', length)));

        Assert.That(answer.StatusCode, Is.EqualTo(status));
        AssertSecurityHeaders(answer);
    }

    [TestCase("gzip;q=abc")]
    [TestCase("\u0001;;;,,,=")]
    [TestCase("gzip;q=-1")]
    public async Task TextFile_GarbageAcceptEncoding_IsServedPlain(string acceptEncoding)
    {
        var request = HttpRequests.Get("/console/" + ConsoleAssets.IndexName);
        request.Headers.AcceptEncoding = acceptEncoding;

        var answer = await app.Host.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        Assert.That(Body(request), Is.EqualTo(Assets.Resolve(null)!.Content));
    }

    [Test]
    public async Task Head_AnswersLikeGetWithoutABody()
    {
        var request = HttpRequests.Create("HEAD", "/console/postbacks");
        var answer = await app.Host.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        Assert.That(answer.Headers.ContentLength, Is.EqualTo(Assets.Resolve(null)!.Content.Length));
        Assert.That(Body(request), Is.Empty);
        AssertSecurityHeaders(answer);
    }

    [Test]
    public void IndexHtml_HasNoInlineScriptOrStyle()
    {
        var html = Encoding.UTF8.GetString(Assets.Resolve(null)!.Content);

        Assert.That(html, Does.Match("<script type=\"module\" crossorigin src=\"/console/assets/index-[\\w-]+\\.js\"></script>"));
        Assert.That(System.Text.RegularExpressions.Regex.Matches(html, "<script").Count, Is.EqualTo(1));
        Assert.That(html, Does.Not.Contain("<style").And.Not.Contain(" style=").And.Not.Contain("javascript:"));
        Assert.That(html, Does.Not.Match(@"\son[a-z]+="));
    }

    [Test]
    public void Assets_OfAnAppBuiltWithoutTheConsole_AnswerNothing()
    {
        var none = new ConsoleAssets(typeof(object).Assembly);

        Assert.That(none.IsBuilt, Is.False);
        Assert.That(none.Resolve(null), Is.Null);
        Assert.That(none.Resolve("postbacks"), Is.Null);
    }

    [Test]
    public void ContentSecurityPolicy_AllowsNothingInlineNorForeign()
    {
        var directives = ConsoleAnswer.ContentSecurityPolicy.Split(';', StringSplitOptions.TrimEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d[(d.IndexOf(' ') + 1)..]);

        Assert.That(directives["default-src"], Is.EqualTo("'self'"));
        Assert.That(directives["script-src"], Is.EqualTo("'self'"));
        Assert.That(directives["style-src"], Is.EqualTo("'self'"));
        Assert.That(directives["connect-src"], Is.EqualTo("'self'"));
        Assert.That(directives["frame-ancestors"], Is.EqualTo("'none'"));
        Assert.That(directives["base-uri"], Is.EqualTo("'none'"));
        Assert.That(directives["form-action"], Is.EqualTo("'self'"));
        Assert.That(directives["object-src"], Is.EqualTo("'none'"));
        Assert.That(ConsoleAnswer.ContentSecurityPolicy, Does.Not.Contain("unsafe").And.Not.Contain("*").And.Not.Contain("data:").And.Not.Contain("http"));
    }

    private static void AssertSecurityHeaders(Answer answer)
    {
        Assert.That(answer.Headers.ContentSecurityPolicy.ToString(), Is.EqualTo(ConsoleAnswer.ContentSecurityPolicy));
        Assert.That(answer.Headers.XContentTypeOptions.ToString(), Is.EqualTo("nosniff"));
        Assert.That(answer.Headers["Referrer-Policy"].ToString(), Is.EqualTo("no-referrer"));
        Assert.That(answer.Headers.XFrameOptions.ToString(), Is.EqualTo("DENY"));
    }

    private static byte[] Body(Microsoft.AspNetCore.Http.HttpRequest request) => ((MemoryStream)request.HttpContext.Response.Body).ToArray();

    private static byte[] Gunzip(byte[] gzipped)
    {
        using var input = new GZipStream(new MemoryStream(gzipped), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
