namespace Trax.OperatorConsole;

/// <summary>
/// The operator console at <c>/console</c>: anonymous, since the page holds no data (every figure comes from the
/// key-protected APIs, called with the key the operator enters). <c>/console</c> and every client route answer
/// index.html; the built files answer themselves; anything else is a 404.
/// </summary>
public sealed class ConsoleSite(ConsoleAssets assets)
{
    [Function(nameof(ConsoleIndex))]
    public Task<IActionResult> ConsoleIndex(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "console")] HttpRequest request)
        => Task.FromResult<IActionResult>(new ConsoleAnswer(assets.Resolve(null)));

    [Function(nameof(ConsoleFiles))]
    public Task<IActionResult> ConsoleFiles(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "console/{*path}")] HttpRequest request,
        string? path)
        => Task.FromResult<IActionResult>(new ConsoleAnswer(assets.Resolve(path)));
}
