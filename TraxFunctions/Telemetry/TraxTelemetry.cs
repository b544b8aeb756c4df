using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Trax.Telemetry;

/// <summary>
/// Worker telemetry to Application Insights through OpenTelemetry and the Azure Monitor exporter. Chosen over
/// Worker.ApplicationInsights because that SDK (Application Insights 2.x) does not listen to
/// System.Diagnostics.Metrics, so <see cref="TraxMetrics"/> and its dimensions would never arrive; OpenTelemetry
/// exports them as they are. The Functions host keeps its own Application Insights telemetry (requests).
/// </summary>
public static class TraxTelemetry
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary><c>Authorization=AAD;ClientId=...</c>: the host reads it too; infra/app/api.bicep sets both.</summary>
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>Log category prefix of every Trax class (the root namespace).</summary>
    public const string Category = "Trax";

    /// <summary>ASP.NET Core's log categories (hosting diagnostics log every request line).</summary>
    public const string AspNetCoreCategory = "Microsoft.AspNetCore";

    public static IHostApplicationBuilder AddTraxTelemetry(this IHostApplicationBuilder builder)
    {
        // Without Application Insights (func start, tests) nothing is exported, and the host keeps printing the
        // worker's logs: UseFunctionsWorkerDefaults would tell it to stop.
        if (builder.Configuration[ConnectionStringSetting] is not { Length: > 0 })
        {
            return builder;
        }

        var credential = Credential(builder.Configuration[AuthenticationStringSetting]);
        builder.Services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .AddTraxSignals(builder.Logging)
            .UseAzureMonitorExporter(options =>
            {
                // Local authentication is off on the Application Insights resource: ingestion needs the identity.
                if (credential is not null)
                {
                    options.Credential = credential;
                }
            });
        return builder;
    }

    /// <summary>What Trax adds to any OpenTelemetry pipeline: its meter, its Information logs, and no token in a URL.</summary>
    internal static IOpenTelemetryBuilder AddTraxSignals(this IOpenTelemetryBuilder telemetry, ILoggingBuilder logging)
    {
        // Accepted, stored and duplicate postbacks are Information: they are the audit trail, so no default
        // Warning-only rule may drop them on the way to Application Insights.
        logging.AddFilter<OpenTelemetryLoggerProvider>(Category, LogLevel.Information);

        // The worker's ASP.NET Core logs each request at Information with its URL, query included: a network's token
        // and an admin call's function key (code) would be exported with it. Its warnings and errors still go out.
        logging.AddFilter<OpenTelemetryLoggerProvider>(AspNetCoreCategory, LogLevel.Warning);
        return telemetry
            .WithMetrics(metrics => metrics.AddMeter(TraxMetrics.MeterName))
            .WithTracing(tracing => tracing.AddProcessor(new UrlRedactor()));
    }

    /// <summary>The managed identity named by <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>, or null.</summary>
    internal static TokenCredential? Credential(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString))
        {
            return null;
        }

        var parts = authenticationString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !authorization.Equals("AAD", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{AuthenticationStringSetting} must say Authorization=AAD (and ClientId=<client id> for a user-assigned identity).");
        }

        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
