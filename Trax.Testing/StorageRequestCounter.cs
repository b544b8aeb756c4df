using System.Collections.Concurrent;
using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Trax.Testing;

/// <summary>
/// Counts storage round trips: every HTTP attempt a client makes (retries included), by service, resource,
/// operation and status, e.g. <c>table Clicks point read → 404</c>. The round-trip tests and the benchmarks register
/// it in DI as an <see cref="HttpPipelinePolicy"/>, which <c>AddTrax</c> adds to every storage client, so it sees
/// whatever the real clients send, including writes added later.
/// </summary>
public sealed partial class StorageRequestCounter : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<StorageRequest, int> counts = new();

    /// <summary>Every request since the last <see cref="Reset"/>, with how many times it was sent.</summary>
    public IReadOnlyDictionary<StorageRequest, int> Snapshot() => new Dictionary<StorageRequest, int>(counts);

    public int Total => counts.Values.Sum();

    public void Reset() => counts.Clear();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            Record(message);
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        finally
        {
            Record(message);
        }
    }

    private void Record(HttpMessage message) =>
        counts.AddOrUpdate(Describe(message.Request, message.HasResponse ? message.Response.Status : 0), 1, static (_, n) => n + 1);

    /// <summary>Names a request by the REST API's shape (method and path), which is what the service bills.</summary>
    public static StorageRequest Describe(Request request, int status)
    {
        var uri = request.Uri.ToUri();
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);

        // Emulators (Azurite) address the account in the path: http://127.0.0.1:10002/devstoreaccount1/Clicks.
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || uri.IsLoopback)
        {
            segments = segments.Length > 0 ? segments[1..] : segments;
        }

        var method = request.Method.Method;
        return request.Headers.Contains("DataServiceVersion")
            ? Table(request, method, segments, status)
            : Queue(method, segments, uri.Query, status);
    }

    private static StorageRequest Table(Request request, string method, string[] segments, int status)
    {
        var first = segments.Length > 0 ? WebUtility.UrlDecode(segments[0]) : "";
        var paren = first.IndexOf('(');
        var name = paren < 0 ? first : first[..paren];
        if (name == "$batch")
        {
            // A transaction is one request to the account; the table it writes is named inside its body.
            return new StorageRequest("table", BatchTable(request) ?? name, "transaction", status);
        }

        var keyed = paren >= 0 && first.Length > paren + 2; // "T(PartitionKey='p',RowKey='r')", not "T()"
        var operation = (name, method) switch
        {
            ("Tables", "POST") => "create table",
            ("Tables", "DELETE") => "delete table",
            ("Tables", _) => "list tables",
            (_, "GET") => keyed ? "point read" : "query",
            (_, "POST") => "insert",
            (_, "PUT") => "upsert (replace)",
            (_, "PATCH" or "MERGE") => "upsert (merge)",
            (_, "DELETE") => "delete",
            _ => method,
        };
        return new StorageRequest("table", name, operation, status);
    }

    private static string? BatchTable(Request request)
    {
        if (request.Content is null)
        {
            return null;
        }

        using var body = new MemoryStream();
        request.Content.WriteTo(body, CancellationToken.None);
        var match = BatchOperation().Match(System.Text.Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length));
        return match.Success ? match.Groups["table"].Value : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:POST|PUT|PATCH|MERGE|DELETE|GET) \S*?/(?<table>[A-Za-z][A-Za-z0-9]*)(?:\(|\?|\s)", System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex BatchOperation();

    private static StorageRequest Queue(string method, string[] segments, string query, int status)
    {
        var name = segments.Length > 0 ? segments[0] : "";
        var operation = (segments.Length, method) switch
        {
            (0, _) => "list queues",
            (1, "PUT") => "create queue",
            (1, "DELETE") => "delete queue",
            (1, _) => "get properties",
            (2, "POST") => "send",
            (2, "GET") => query.Contains("peekonly=true", StringComparison.OrdinalIgnoreCase) ? "peek" : "receive",
            (2, "DELETE") => "clear",
            (_, "DELETE") => "delete message",
            (_, "PUT") => "update message",
            _ => method,
        };
        return new StorageRequest("queue", name, operation, status);
    }
}

/// <summary>One kind of storage request: <c>table Conversions insert → 409</c>. Status 0: no response arrived.</summary>
public readonly record struct StorageRequest(string Service, string Resource, string Operation, int Status)
{
    public override string ToString() => $"{Service} {Resource} {Operation} → {(Status == 0 ? "no response" : Status)}";
}
