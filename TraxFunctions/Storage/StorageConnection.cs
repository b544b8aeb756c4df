using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Trax.Storage;

/// <summary>
/// The one storage connection Trax uses, for the host (queue trigger) and for our own clients alike, so the
/// queue we send to is the queue the trigger reads. Locally it is a connection string (Azurite); in Azure it is
/// identity-based: <c>AzureWebJobsStorage__queueServiceUri</c>, <c>__tableServiceUri</c> (or <c>__accountName</c>),
/// <c>__credential=managedidentity</c> and <c>__clientId</c>, the same settings the Functions host reads.
/// </summary>
public static class StorageConnection
{
    /// <summary>Name of the connection setting, as used by <c>[QueueTrigger(Connection = ...)]</c>.</summary>
    public const string Name = "AzureWebJobsStorage";

    public static QueueServiceClient CreateQueueServiceClient(IConfiguration configuration, QueueClientOptions options)
    {
        var section = configuration.GetSection(Name);
        return section.Value is { Length: > 0 } connectionString
            ? new QueueServiceClient(connectionString, options)
            : new QueueServiceClient(ServiceUri(section, "queue"), Credential(section), options);
    }

    public static TableServiceClient CreateTableServiceClient(IConfiguration configuration, TableClientOptions options)
    {
        var section = configuration.GetSection(Name);
        return section.Value is { Length: > 0 } connectionString
            ? new TableServiceClient(connectionString, options)
            : new TableServiceClient(ServiceUri(section, "table"), Credential(section), options);
    }

    private static Uri ServiceUri(IConfigurationSection section, string service)
    {
        if (section[$"{service}ServiceUri"] is { Length: > 0 } uri)
        {
            return new Uri(uri);
        }

        if (section["accountName"] is { Length: > 0 } account)
        {
            return new Uri($"https://{account}.{service}.core.windows.net");
        }

        throw new InvalidOperationException(
            $"Storage is not configured: set '{Name}' to a connection string, or '{Name}__{service}ServiceUri' " +
            $"(or '{Name}__accountName') for an identity-based connection.");
    }

    private static TokenCredential Credential(IConfigurationSection section) =>
        string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(section["clientId"] is { Length: > 0 } clientId
                ? ManagedIdentityId.FromUserAssignedClientId(clientId)
                : ManagedIdentityId.SystemAssigned)
            : new DefaultAzureCredential();
}
