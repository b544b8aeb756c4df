using System.Net;

namespace Trax.Rates;

/// <summary>
/// Fetches the ECB-format rates file from <c>Trax__Rates__SourceUrl</c> and stores each day in it that is new or
/// changed. It decides per day: a day an operator put is kept as put; a fetched day is replaced only under the
/// version it read, so a PUT landing meanwhile wins. Any failure (source down, slow, redirecting, a file that is not
/// the ECB's, storage down) is logged and ends the run quietly: the next run tries again, and a report meanwhile
/// says which rates are missing. A host shutting down (the run's token) is the only exception that leaves.
/// </summary>
public sealed class RatesFetcher(IHttpClientFactory clients, RateStore store, IOptions<RatesOptions> options, TimeProvider time, ILogger<RatesFetcher> logger)
{
    public const string ClientName = "rates";

    /// <summary>The ECB's whole history since 1999 is about 8 MB.</summary>
    public const int MaxFileBytes = 16 * 1024 * 1024;

    public async Task<RatesFetch> FetchAsync(CancellationToken cancellationToken)
    {
        if (RatesOptionsValidator.Source(options.Value.SourceUrl) is not { } url)
        {
            Log.FetchOff(logger);
            return new RatesFetch(RatesFetchOutcome.Off);
        }

        // Logs and the stored source name the URL without its query, where a key may be.
        var source = url.GetLeftPart(UriPartial.Path);
        var (file, problem) = await DownloadAsync(url, cancellationToken);
        if (file is null)
        {
            Log.SourceFailed(logger, source, problem!);
            return new RatesFetch(RatesFetchOutcome.SourceFailed);
        }

        var (days, rejection) = EcbRatesXml.Read(file, DayRates.FetchSource + source);
        if (rejection is not null || days.Count == 0)
        {
            Log.InvalidFile(logger, source, rejection?.Reason ?? "no-rates", rejection?.Message ?? "The file holds no days.");
            return new RatesFetch(RatesFetchOutcome.InvalidFile);
        }

        try
        {
            return await StoreAsync(source, days, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.StoreFailed(logger, source, ex);
            return new RatesFetch(RatesFetchOutcome.StorageFailed, days.Count);
        }
    }

    private async Task<RatesFetch> StoreAsync(string source, IReadOnlyList<DayRates> days, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var tomorrow = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1);
        var stored = (await store.ListAsync(days[0].Day, days[^1].Day, cancellationToken)).ToDictionary(s => s.Rates.Day);
        int written = 0, unchanged = 0, kept = 0, skipped = 0;
        foreach (var day in days)
        {
            if (day.Day > tomorrow)
            {
                // Rates are not published ahead: a day after tomorrow is a broken source, not a rate.
                skipped++;
            }
            else if (!stored.TryGetValue(day.Day, out var existing))
            {
                if (await store.TryAddAsync(day, now, cancellationToken))
                {
                    written++;
                }
                else
                {
                    skipped++;
                }
            }
            else if (existing.Rates.IsPut)
            {
                kept++;
            }
            else if (existing.Rates.SameRatesAs(day))
            {
                unchanged++;
            }
            else if (await store.TryReplaceAsync(day, existing.Version, now, cancellationToken))
            {
                written++;
            }
            else
            {
                skipped++;
            }
        }

        Log.Fetched(logger, source, days.Count, written, unchanged, kept, skipped);
        return new RatesFetch(RatesFetchOutcome.Fetched, days.Count, written, unchanged, kept, skipped);
    }

    /// <summary>The file, or why there is none. One wall-clock budget covers connecting, waiting and downloading.</summary>
    private async Task<(byte[]? File, string? Problem)> DownloadAsync(Uri url, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(timeout);
        try
        {
            var client = clients.CreateClient(ClientName);
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, budget.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var status = (int)response.StatusCode;
                return (null, status is >= 300 and < 400
                    ? $"it answered {status} (redirects are not followed: set the URL it redirects to)"
                    : $"it answered {status}");
            }

            if (response.Content.Headers.ContentLength > MaxFileBytes)
            {
                return (null, $"the file is larger than {MaxFileBytes} bytes");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(budget.Token);
            using var file = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, budget.Token)) > 0)
            {
                file.Write(chunk, 0, read);
                if (file.Length > MaxFileBytes)
                {
                    return (null, $"the file is larger than {MaxFileBytes} bytes");
                }
            }

            return (file.ToArray(), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"no complete answer within {options.Value.TimeoutSeconds} s");
        }
        catch (HttpRequestException ex)
        {
            return (null, ex.HttpRequestError == HttpRequestError.Unknown ? ex.Message : $"{ex.HttpRequestError}: {ex.Message}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A connection cut mid-file, and whatever else the network does: a failed run, never a failed host.
            return (null, $"{ex.GetType().Name}: {ex.Message}");
        }
    }
}
