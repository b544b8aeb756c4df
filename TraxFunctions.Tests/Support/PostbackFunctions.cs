using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Trax.Postbacks;

namespace Trax.Tests.Support;

/// <summary>The three HTTP function classes around one ingest handler, invoked by their function name.</summary>
public sealed class PostbackFunctions(PostbackIngest ingest)
{
    private readonly PostbackFtd ftd = new(ingest);
    private readonly PostbackReg reg = new(ingest);
    private readonly PostbackSale sale = new(ingest);

    public Task<IActionResult> InvokeAsync(string functionName, HttpRequest request, CancellationToken cancellationToken = default) =>
        functionName switch
        {
            nameof(PostbackFtd) => ftd.RunAsync(request, cancellationToken),
            nameof(PostbackReg) => reg.RunAsync(request, cancellationToken),
            nameof(PostbackSale) => sale.RunAsync(request, cancellationToken),
            _ => throw new ArgumentException($"'{functionName}' is not a postback function.", nameof(functionName)),
        };

    /// <summary>Routes the request like the host (from functions.metadata), runs the function and its answer.</summary>
    public async Task<Answer> SendAsync(FunctionsMetadata metadata, HttpRequest request)
    {
        var function = metadata.Route(request.Method, request.Path)
            ?? throw new InvalidOperationException($"The host would answer 404 to {request.Method} {request.Path}.");
        var result = await InvokeAsync(function, request);
        return await HttpRequests.ExecuteAsync(result, request);
    }
}
