namespace Trax.Rates;

/// <summary>Manages exchange rates (function key): one function per verb on <c>/api/rates/{date}</c>.</summary>
public sealed class RatesApi(RatesAdmin admin)
{
    [Function(nameof(PutRates))]
    public Task<IActionResult> PutRates(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "api/rates/{date}")] HttpRequest request, string date, CancellationToken cancellationToken)
        => admin.PutAsync(request, date, cancellationToken);

    [Function(nameof(GetRates))]
    public Task<IActionResult> GetRates(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/rates/{date}")] HttpRequest request, string date, CancellationToken cancellationToken)
        => admin.GetAsync(date, cancellationToken);
}
