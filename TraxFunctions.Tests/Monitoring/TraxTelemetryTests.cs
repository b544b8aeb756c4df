using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Trax.Telemetry;

namespace Trax.Tests.Monitoring;

/// <summary>
/// The worker's telemetry wiring, with OpenTelemetry's in-memory exporter in place of Azure Monitor's (which would
/// send to the internet): Trax metrics and Trax Information logs get out, other categories keep their level.
/// </summary>
public sealed class TraxTelemetryTests
{
    [Test]
    public void AddTraxSignals_TraxMetrics_ReachTheExporterWithTheirDimensions()
    {
        var exported = new List<Metric>();
        using var services = Services(otel => otel.WithMetrics(m => m.AddInMemoryExporter(exported)));

        var provider = services.GetRequiredService<MeterProvider>(); // the host starts it with the app

        services.GetRequiredService<TraxMetrics>().PostbackAccepted("ftd", "AffiliateWeb");
        provider.ForceFlush();

        var accepted = exported.Single(m => m.Name == "trax.postbacks.accepted");
        var tags = new List<KeyValuePair<string, object?>>();
        foreach (ref readonly var point in accepted.GetMetricPoints())
        {
            foreach (var tag in point.Tags)
            {
                tags.Add(tag);
            }
        }

        Assert.That(tags, Does.Contain(new KeyValuePair<string, object?>("type", "ftd")).And.Contain(new KeyValuePair<string, object?>("network", "AffiliateWeb")));
    }

    [Test]
    public void AddTraxSignals_DefaultWarningOnlyRule_StillLetsTraxInformationThrough()
    {
        var exported = new List<LogRecord>();
        using var services = Services(
            otel => otel.WithLogging(l => l.AddInMemoryExporter(exported)),
            // What Application Insights' logger adds by default: its provider logs Warning and above only.
            logging => logging.AddFilter<OpenTelemetryLoggerProvider>(null, LogLevel.Warning));
        var provider = services.GetRequiredService<LoggerProvider>();
        var factory = services.GetRequiredService<ILoggerFactory>();

        factory.CreateLogger("Trax.Postbacks.PostbackIngest").LogInformation("Postback accepted");
        factory.CreateLogger("Azure.Core").LogInformation("Request sent");
        provider.ForceFlush();

        Assert.That(exported.Select(r => r.CategoryName), Is.EqualTo(new[] { "Trax.Postbacks.PostbackIngest" }));
    }

    [Test]
    public void AddTraxSignals_AspNetCoreRequestLog_IsNotExportedWithItsQuery()
    {
        // The worker's ASP.NET Core integration logs every request at Information in this category, URL and query
        // included ("Request starting HTTP/1.1 GET http://…/ftd?clickid=…&token=…", HostingRequestStartingLog), and the
        // OpenTelemetry provider adds no Warning-only rule of its own: the token and the function key (code) went out.
        var exported = new List<LogRecord>();
        using var services = Services(otel => otel.WithLogging(l => l.AddInMemoryExporter(exported)));
        var provider = services.GetRequiredService<LoggerProvider>();
        var factory = services.GetRequiredService<ILoggerFactory>();

        factory.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics")
            .LogInformation("Request starting {Protocol} {Method} {Scheme}://{Host}{PathBase}{Path}{QueryString}", "HTTP/1.1", "GET", "http", "127.0.0.1:5000", "", "/wp-json/trax/v1/ftd", "?clickid=1&token=s3cret-token");
        factory.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics")
            .LogInformation("Request finished {Protocol} {Method} {Scheme}://{Host}{PathBase}{Path}{QueryString} - {StatusCode}", "HTTP/1.1", "GET", "http", "127.0.0.1:5000", "", "/api/forwards", "?code=FUNCTIONKEY", 200);
        factory.CreateLogger("Microsoft.AspNetCore.Server.Kestrel").LogWarning("Connection reset");
        factory.CreateLogger("Trax.Postbacks.PostbackIngest").LogInformation("Postback accepted");
        provider.ForceFlush();

        Assert.That(exported.Select(r => r.CategoryName), Is.EqualTo(new[] { "Microsoft.AspNetCore.Server.Kestrel", "Trax.Postbacks.PostbackIngest" }),
            "ASP.NET Core's warnings still go out; its request lines do not");
    }

    [TestCase("url.full", "https://trax.example/wp-json/trax/v1/ftd?clickid=1&token=s3cret-token&x=2", "https://trax.example/wp-json/trax/v1/ftd?clickid=1&token=redacted&x=2")]
    [TestCase("url.query", "?clickid=1&TOKEN=s3cret-token", "clickid=1&TOKEN=redacted")]
    [TestCase("http.url", "https://trax.example/wp-json/trax/v1/ftd?tok%65n=s3cret-token#top", "https://trax.example/wp-json/trax/v1/ftd?tok%65n=redacted#top")]
    [TestCase("http.target", "/wp-json/trax/v1/ftd?clickid=1", "/wp-json/trax/v1/ftd?clickid=1")]
    [TestCase("url.full", "https://trax.example/api/forwards?code=FUNCTIONKEY", "https://trax.example/api/forwards?code=redacted")]
    [TestCase("url.query", "?date=2026-11-25&code=FUNCTIONKEY", "date=2026-11-25&code=redacted")]
    public void AddTraxSignals_SpanWithAUrl_IsExportedWithoutTheToken(string tag, string url, string expected)
    {
        var exported = new List<System.Diagnostics.Activity>();
        using var services = Services(otel => otel.WithTracing(t => t.AddSource("Test.Http").AddInMemoryExporter(exported)));
        using var tracer = services.GetRequiredService<OpenTelemetry.Trace.TracerProvider>();
        using var source = new System.Diagnostics.ActivitySource("Test.Http");

        using (var span = source.StartActivity("GET /wp-json/trax/v1/ftd"))
        {
            span!.SetTag(tag, url);
        }

        tracer.ForceFlush();
        Assert.That(exported.Single().GetTagItem(tag), Is.EqualTo(expected));
    }

    [Test]
    public void AddTraxTelemetry_NoConnectionString_ExportsNothingAndLeavesLogsToTheHost()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());

        builder.AddTraxTelemetry();

        using var services = builder.Services.BuildServiceProvider();
        Assert.That(services.GetService<MeterProvider>(), Is.Null);
        Assert.That(services.GetService<LoggerProvider>(), Is.Null);
    }

    [Test]
    public void AddTraxTelemetry_ConnectionString_RegistersTheExporterPipeline()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [TraxTelemetry.ConnectionStringSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/",
            [TraxTelemetry.AuthenticationStringSetting] = "ClientId=00000000-0000-0000-0000-00000000c11d;Authorization=AAD",
        });

        builder.AddTraxTelemetry();

        // Registered, not started: starting it would send to Azure Monitor.
        Assert.That(builder.Services.Any(s => s.ServiceType == typeof(MeterProvider)), Is.True);
        Assert.That(builder.Services.Any(s => s.ServiceType == typeof(LoggerProvider)), Is.True);
    }

    [TestCase("ClientId=00000000-0000-0000-0000-00000000c11d;Authorization=AAD")]
    [TestCase("Authorization=AAD")]
    [TestCase(" authorization = aad ; clientid = 00000000-0000-0000-0000-00000000c11d ")]
    public void Credential_EntraAuthenticationString_IsAManagedIdentity(string authentication) =>
        Assert.That(TraxTelemetry.Credential(authentication), Is.TypeOf<ManagedIdentityCredential>());

    [TestCase(null)]
    [TestCase("")]
    public void Credential_NotSet_IsNone(string? authentication) =>
        Assert.That(TraxTelemetry.Credential(authentication), Is.Null);

    [Test]
    public void Credential_NotEntra_FailsAtStartupSayingWhatToSet()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => TraxTelemetry.Credential("Authorization=Key"));

        Assert.That(ex!.Message, Does.Contain(TraxTelemetry.AuthenticationStringSetting).And.Contain("Authorization=AAD"));
    }

    private static ServiceProvider Services(Action<IOpenTelemetryBuilder> exporter, Action<ILoggingBuilder>? logging = null)
    {
        var services = new ServiceCollection();
        ILoggingBuilder loggingBuilder = null!;
        services.AddLogging(l => loggingBuilder = l);
        services.AddMetrics();
        services.AddSingleton<TraxMetrics>();
        logging?.Invoke(loggingBuilder);
        var otel = services.AddOpenTelemetry().AddTraxSignals(loggingBuilder);
        exporter(otel);
        return services.BuildServiceProvider();
    }
}
