using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Trax.Extensions;
using Trax.Rates;
using Trax.Zones;

namespace Trax.Tests.Hosting;

/// <summary>The rates API, the rates timer, and the zone, currency and rates settings as the host and DI see them.</summary>
public sealed class RatesWiringTests
{
    private static readonly FunctionsMetadata Metadata = FunctionsMetadata.Load();

    [TestCase(nameof(RatesApi.PutRates), "put")]
    [TestCase(nameof(RatesApi.GetRates), "get")]
    public void Metadata_RatesFunction_IsFunctionKeyOnItsRoute(string function, string method)
    {
        var trigger = Metadata.Trigger(function);

        Assert.That((string?)trigger["type"], Is.EqualTo("httpTrigger"));
        Assert.That((string?)trigger["route"], Is.EqualTo("api/rates/{date}"));
        Assert.That((string?)trigger["authLevel"], Is.EqualTo("Function"), "rates change what reports total");
        Assert.That(trigger["methods"]!.AsArray().Select(m => (string?)m), Is.EqualTo(new[] { method }));
        Assert.That(Metadata.Match(method.ToUpperInvariant(), "/api/rates/2026-11-25")!.Values["date"], Is.EqualTo("2026-11-25"));
        Assert.That(Metadata.Route("POST", "/api/rates/2026-11-25"), Is.Null);
        Assert.That(Metadata.Route("GET", "/api/rates"), Is.Null);
    }

    [Test]
    public void Metadata_FetchRates_RunsHourlyOnATimer()
    {
        var trigger = Metadata.Trigger(nameof(FetchRates));

        Assert.That((string?)trigger["type"], Is.EqualTo("timerTrigger"));
        Assert.That((string?)trigger["schedule"], Is.EqualTo("0 23 * * * *"));
    }

    [Test]
    public void LocalSettingsSample_HasEveryZoneCurrencyAndRatesSettingWithItsDefault()
    {
        var values = JsonNode.Parse(File.ReadAllText(RepoPaths.File("local.settings.sample.json")))!["Values"]!.AsObject();

        foreach (var (section, options) in new (string, object)[] { (ZoneOptions.Section, new ZoneOptions()), (CurrencyOptions.Section, new CurrencyOptions()), (RatesOptions.Section, new RatesOptions()) })
        {
            foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var key = $"{section.Replace(":", "__")}__{property.Name}";
                Assert.That((string?)values[key], Is.EqualTo(Convert.ToString(property.GetValue(options), System.Globalization.CultureInfo.InvariantCulture)), $"{key} is in local.settings.sample.json");
            }
        }
    }

    [TestCase("https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml")]
    [TestCase("http://127.0.0.1:8080/eurofxref-daily.xml")]
    [TestCase("http://localhost/rates.xml?key=abc")]
    [TestCase("")]
    public void Options_SourceUrlHttpsOrLocal_IsAccepted(string url)
    {
        using var services = Services(new() { ["Trax:Rates:SourceUrl"] = url });

        Assert.That(services.GetRequiredService<IOptions<RatesOptions>>().Value.SourceUrl, Is.EqualTo(url));
    }

    [TestCase("Trax:Rates:SourceUrl", "http://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml")]
    [TestCase("Trax:Rates:SourceUrl", "ftp://rates.example/eurofxref-daily.xml")]
    [TestCase("Trax:Rates:SourceUrl", "https://user:password@rates.example/eurofxref-daily.xml")]
    [TestCase("Trax:Rates:SourceUrl", "eurofxref-daily.xml")]
    [TestCase("Trax:Rates:TimeoutSeconds", "0")]
    [TestCase("Trax:Rates:TimeoutSeconds", "301")]
    public void Options_InvalidRatesSetting_FailsAtStartup(string key, string value)
    {
        using var services = Services(new() { [key] = value });

        var ex = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<RatesOptions>>().Value);

        Assert.That(ex!.Message, Does.Contain(key.Split(':')[^1]));
    }

    [TestCase("EURO")]
    [TestCase("E1R")]
    [TestCase("€")]
    public void Options_BaseCurrencyNotACode_FailsAtStartup(string value)
    {
        using var services = Services(new() { ["Trax:Reports:BaseCurrency"] = value });

        var ex = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<CurrencyOptions>>().Value);

        Assert.That(ex!.Message, Does.Contain("Trax:Reports:BaseCurrency"));
    }

    [Test]
    public void Options_RatesTable_IsTheConfiguredOneAndCreatedAtStartup()
    {
        using var services = Services(new() { ["Trax:RatesTable"] = "FxRates" });
        using var invalid = Services(new() { ["Trax:RatesTable"] = "fx-rates" });

        var store = services.GetRequiredService<RateStore>();

        Assert.That(store.Name, Is.EqualTo("FxRates"));
        Assert.That(services.GetServices<Trax.Storage.IStorageResource>(), Does.Contain(store));
        Assert.Throws<OptionsValidationException>(() => _ = invalid.GetRequiredService<IOptions<TraxOptions>>().Value);
    }

    [Test]
    public void DependencyInjection_RatesClient_FollowsNoRedirectAndLogsNoUrls()
    {
        using var services = Services([]);

        var handlers = new List<HttpMessageHandler>();
        for (HttpMessageHandler? handler = services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(RatesFetcher.ClientName);
             handler is not null;
             handler = (handler as DelegatingHandler)?.InnerHandler)
        {
            handlers.Add(handler);
        }

        Assert.That(handlers.Select(h => h.GetType().Name), Has.None.Contains("Logging"), "a key may be in the source URL");
        var primary = handlers.OfType<SocketsHttpHandler>().Single();
        Assert.That(primary.AllowAutoRedirect, Is.False);
        Assert.That(primary.UseProxy, Is.False);
        Assert.That(primary.UseCookies, Is.False);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) => new ServiceCollection().AddLogging().AddTrax(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" })
            .AddInMemoryCollection(settings).Build()).BuildServiceProvider();
}
