using System.Reflection;
using Azure.Storage.Queues;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Trax.Clicks;
using Trax.Conversions;
using Trax.Extensions;
using Trax.Links;
using Trax.PostbackLog;
using Trax.Postbacks;
using Trax.Storage;

namespace Trax.Tests.Hosting;

/// <summary>
/// What <c>AddTrax</c> builds at start-up: the services every function needs, the options it validates, the storage
/// clients and the log lines.
/// </summary>
public sealed partial class HostWiringTests
{
    [Test]
    public void DependencyInjection_ForwardClient_LogsNoRequestUrls()
    {
        // The factory's default loggers write "Start processing HTTP request GET https://host/path…" at Information,
        // and a destination's secret may be in that path.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageConnection.Name] = "UseDevelopmentStorage=true",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddTrax(configuration).BuildServiceProvider();

        var handlers = new List<string>();
        for (HttpMessageHandler? handler = services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(Trax.Forwards.ForwardSender.ClientName);
             handler is not null;
             handler = (handler as DelegatingHandler)?.InnerHandler)
        {
            handlers.Add(handler.GetType().Name);
        }

        Assert.That(handlers, Has.None.Contains("Logging"), string.Join(" → ", handlers));
        Assert.That(handlers, Has.Some.Contains("Resilience"), "the timeout's handler is there");
        Assert.That(handlers.Last(), Is.EqualTo(nameof(SocketsHttpHandler)));
    }

    [Test]
    public void DependencyInjection_EveryFunctionClass_IsConstructible()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageConnection.Name] = "UseDevelopmentStorage=true",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddTrax(configuration).BuildServiceProvider();
        var functionClasses = typeof(PostbackIngest).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null))
            .ToList();

        Assert.That(functionClasses.Select(t => t.Name), Is.SupersetOf(new[]
        {
            nameof(PostbackFtd), nameof(PostbackReg), nameof(PostbackSale), nameof(ProcessPostback),
            nameof(ClickRedirect), nameof(RegisterClicks), nameof(LinksApi), nameof(Trax.Poison.ListPoisonMessages),
        }));
        Assert.That(Metadata.Functions.Count, Is.EqualTo(functionClasses.Sum(t => t.GetMethods().Count(m => m.GetCustomAttribute<FunctionAttribute>() is not null))));
        foreach (var type in functionClasses)
        {
            Assert.That(ActivatorUtilities.CreateInstance(services, type), Is.Not.Null, type.Name);
        }
    }

    [TestCase("")]
    [TestCase("a-secret-of-at-least-thirty-two-chars")]
    public void Options_IpHashKeyEmptyOrLong_IsAccepted(string key)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageConnection.Name] = "UseDevelopmentStorage=true",
            ["Trax:IpHashKey"] = key,
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddTrax(configuration).BuildServiceProvider();

        Assert.That(services.GetRequiredService<IOptions<TraxOptions>>().Value.IpHashKey, Is.EqualTo(key));
        Assert.That(services.GetRequiredService<IpPrivacy>().Hashes, Is.EqualTo(key.Length > 0));
    }

    [TestCase("Trax:QueueName", "Bad_Queue")]
    [TestCase("Trax:ConversionsTable", "1table")]
    [TestCase("Trax:RetryAfterSeconds", "0")]
    [TestCase("Trax:PostbackLogTable", "Postback-Log")]
    [TestCase("Trax:PostbackLogRetentionDays", "0")]
    [TestCase("Trax:LinksTable", "links-table")]
    [TestCase("Trax:IpHashKey", "too-short-to-be-a-secret")]
    [TestCase("Trax:LinkCacheSeconds", "-1")]
    [TestCase("Trax:RedirectStorageTimeoutMilliseconds", "0")]
    public void Options_InvalidSetting_FailsAtStartup(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageConnection.Name] = "UseDevelopmentStorage=true",
            [key] = value,
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddTrax(configuration).BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<TraxOptions>>().Value);
    }

    [Test]
    public void DependencyInjection_PostbackLogTable_IsTheConfiguredOneAndCreatedAtStartup()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageConnection.Name] = "UseDevelopmentStorage=true",
            ["Trax:PostbackLogTable"] = "OpsLog",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddTrax(configuration).BuildServiceProvider();

        var log = services.GetRequiredService<PostbackLogStore>();

        Assert.That(log.Name, Is.EqualTo("OpsLog"));
        Assert.That(services.GetServices<IStorageResource>(), Does.Contain(log), "StorageInitializer creates every resource");
    }

    [Test]
    public void DependencyInjection_Resources_AreTheQueuesAndEveryStore()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageConnection.Name] = "UseDevelopmentStorage=true",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddTrax(configuration).BuildServiceProvider();

        Assert.That(services.GetServices<IStorageResource>().Select(r => r.Name),
            Is.EquivalentTo(new[] { "postbacks", "Clicks", "Conversions", "PostbackLog", "Links", "forwards", "Forwards", "ForwardJobs", "ForwardDeliveries", "Rates", "Reconciliations", "Traffic" }));
    }

    [Test]
    public void StorageConnection_IdentityBasedSettings_UseServiceUris()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:queueServiceUri"] = "https://traxdata.queue.core.windows.net",
            ["AzureWebJobsStorage:accountName"] = "traxdata",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        }).Build();

        var queues = StorageConnection.CreateQueueServiceClient(configuration, new QueueClientOptions());
        var tables = StorageConnection.CreateTableServiceClient(configuration, new Azure.Data.Tables.TableClientOptions());

        Assert.That(queues.Uri, Is.EqualTo(new Uri("https://traxdata.queue.core.windows.net")));
        Assert.That(tables.Uri.Host, Is.EqualTo("traxdata.table.core.windows.net"));
        Assert.That(queues.CanGenerateAccountSasUri, Is.False, "no shared key is involved");
    }

    [Test]
    public void StorageConnection_NothingConfigured_SaysWhatToSet()
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            StorageConnection.CreateQueueServiceClient(new ConfigurationBuilder().Build(), new QueueClientOptions()));

        Assert.That(ex!.Message, Does.Contain("AzureWebJobsStorage"));
    }

    [Test]
    public void Logging_EveryLogLine_HasItsOwnEventId()
    {
        // Operators query Application Insights by event id: two lines sharing one would be mixed up.
        var ids = typeof(PostbackIngest).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public))
            .Select(m => m.GetCustomAttribute<Microsoft.Extensions.Logging.LoggerMessageAttribute>())
            .OfType<Microsoft.Extensions.Logging.LoggerMessageAttribute>()
            .Select(a => a.EventId)
            .ToList();

        Assert.That(ids, Has.Count.GreaterThan(20));
        Assert.That(ids, Is.Unique);
    }
}
