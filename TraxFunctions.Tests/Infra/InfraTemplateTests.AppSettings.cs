using System.Text.RegularExpressions;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Trax.Extensions;
using Trax.Postbacks;
using Trax.Telemetry;

namespace Trax.Tests.Infra;

/// <summary>The app settings as deployed: identity-based storage and Application Insights, and Trax built from them as the worker builds it.</summary>
public sealed partial class InfraTemplateTests
{
    [Test]
    public void AppSettings_Storage_AreIdentityBasedWithoutAConnectionString()
    {
        var settings = Infra.AppSettings;
        var identityId = (string)Identity["id"]!;
        var storageId = (string)Storage["id"]!;

        Assert.That(settings.ContainsKey("AzureWebJobsStorage"), Is.False, "no connection string");
        Assert.That((string?)settings["AzureWebJobsStorage__credential"], Is.EqualTo("managedidentity"));
        Assert.That((string?)settings["AzureWebJobsStorage__clientId"], Is.EqualTo($"[reference('{identityId}', '2023-01-31').clientId]"));
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            Assert.That((string?)settings[$"AzureWebJobsStorage__{service}ServiceUri"], Does.StartWith($"[reference('{storageId}'").And.EndWith($".primaryEndpoints.{service}]"));
        }

        Assert.That((string?)settings["Trax__CreateStorageResources"], Is.EqualTo("false"));
        Assert.That(settings.Select(s => s.Value?.ToString() ?? ""), Has.None.Contains("AccountKey").And.None.Contains("DefaultEndpointsProtocol"));
    }

    [Test]
    public void AppSettings_AsTheAppReadsThem_PointAtTheDeployedAccountAndNames()
    {
        // Resolve what only a live deployment knows (the endpoints, the client id), then build Trax from the
        // settings exactly as the worker would: the template and StorageConnection must agree on every key.
        var account = (string)Storage["name"]!;
        var values = Infra.AppSettings.ToDictionary(
            s => s.Key.Replace("__", ":"),
            s => Resolve((string?)s.Value, account));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        using var services = new ServiceCollection().AddLogging().AddTrax(configuration).BuildServiceProvider();

        var queue = services.GetRequiredService<PostbackQueue>().Client;
        var tables = services.GetRequiredService<Azure.Data.Tables.TableServiceClient>();
        Assert.That(queue.Uri, Is.EqualTo(new Uri($"https://{account}.queue.core.windows.net/postbacks")));
        Assert.That(queue.CanGenerateSasUri, Is.False, "a token credential, not a key");
        Assert.That(tables.Uri.Host, Is.EqualTo($"{account}.table.core.windows.net"));
        Assert.That(services.GetRequiredService<Trax.Conversions.ConversionStore>().Name, Is.EqualTo("Conversions"));
        Assert.That(services.GetRequiredService<Trax.Clicks.ClickStore>().Name, Is.EqualTo("Clicks"));
        Assert.That(services.GetRequiredService<IOptions<TraxOptions>>().Value.CreateStorageResources, Is.False);
    }

    [Test]
    public void AppSettings_ApplicationInsights_IsAConnectionStringWithEntraIngestion()
    {
        var settings = Infra.AppSettings;
        var insights = ApplicationInsights["properties"]!;
        var workspace = Infra.Single("Microsoft.OperationalInsights/workspaces");

        Assert.That((string?)settings[TraxTelemetry.ConnectionStringSetting], Is.EqualTo($"[reference('{ApplicationInsights["id"]}', '2020-02-02').ConnectionString]"));
        Assert.That(settings.Select(s => s.Key), Has.None.EqualTo("APPINSIGHTS_INSTRUMENTATIONKEY"));
        Assert.That((bool?)insights["DisableLocalAuth"], Is.True, "ingestion needs Entra ID, so the connection string is no secret");
        Assert.That((string?)insights["WorkspaceResourceId"], Is.EqualTo((string?)workspace["id"]));

        var authentication = Resolve((string?)settings[TraxTelemetry.AuthenticationStringSetting], "unused");
        Assert.That(authentication, Does.Contain("Authorization=AAD").And.Contain($"ClientId={ClientId}"));
        Assert.That(TraxTelemetry.Credential(authentication), Is.TypeOf<Azure.Identity.ManagedIdentityCredential>());
    }

    private const string ClientId = "00000000-0000-0000-0000-00000000c11d";

    /// <summary>Stands in for the two runtime values a deployment fills in: storage endpoints and the client id.</summary>
    private static string? Resolve(string? value, string account)
    {
        if (value is null)
        {
            return null;
        }

        value = Endpoint().Replace(value, m => $"https://{account}.{m.Groups[1].Value}.core.windows.net/");
        value = ClientIdReference().Replace(value, ClientId);
        return value.StartsWith("[format(", StringComparison.Ordinal) ? FormatExpression(value) : value;
    }

    private static string FormatExpression(string value)
    {
        // [format('ClientId={0};Authorization=AAD', <resolved>)]: enough of ARM's format() for the settings here.
        var match = Format().Match(value);
        return match.Success ? match.Groups[1].Value.Replace("{0}", match.Groups[2].Value) : value;
    }

    [GeneratedRegex(@"^\[reference\('[^']+', '[^']+'\)\.primaryEndpoints\.(blob|queue|table)\]$")]
    private static partial Regex Endpoint();

    [GeneratedRegex(@"(^\[)?reference\('[^']+userAssignedIdentities[^']+', '[^']+'\)\.clientId(\]$)?")]
    private static partial Regex ClientIdReference();

    [GeneratedRegex(@"^\[format\('([^']*)', ([^)]*)\)\]$")]
    private static partial Regex Format();
}
