using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Trax.Clicks;
using Trax.Links;

namespace Trax.Tests.Support;

/// <summary>
/// Every HTTP function of the app, built from the app's own services, invoked the way the host would: routed by
/// functions.metadata, route values passed as the function's parameters, the answer executed into a response.
/// </summary>
public sealed class HttpFunctions(IServiceProvider services, PostbackFunctions postbacks)
{
    private readonly ClickRedirect redirect = ActivatorUtilities.CreateInstance<ClickRedirect>(services);
    private readonly RegisterClicks registerClicks = ActivatorUtilities.CreateInstance<RegisterClicks>(services);
    private readonly LinksApi links = ActivatorUtilities.CreateInstance<LinksApi>(services);

    public async Task<Answer> SendAsync(FunctionsMetadata metadata, HttpRequest request)
    {
        var match = metadata.Match(request.Method, request.Path)
            ?? throw new InvalidOperationException($"The host would answer 404 to {request.Method} {request.Path}.");
        IActionResult result = match.Function switch
        {
            nameof(ClickRedirect) => await redirect.RunAsync(request, match.Values["linkId"]!, CancellationToken.None),
            nameof(RegisterClicks) => await registerClicks.RunAsync(request, CancellationToken.None),
            nameof(LinksApi) => await links.RunAsync(request, match.Values["id"], CancellationToken.None),
            _ => await postbacks.InvokeAsync(match.Function, request),
        };
        return await HttpRequests.ExecuteAsync(result, request);
    }
}
