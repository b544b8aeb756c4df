using System.Text;
using System.Text.Json;
using Trax.Core;
using Trax.Input;

namespace Trax.Tests.Integration;

/// <summary>What the sequence sends as the network and the site do: postbacks (and their retries), invalid ones, click registrations.</summary>
public sealed partial class ModelBasedFaultTests
{
    private sealed partial class Sequence
    {
        /// <summary>The network sends until it gets a 200 (faults only on its first tries), as networks retry.</summary>
        private async Task PostAsync(Intent intent)
        {
            // Now and then a correction of the amount, and a status in the spellings networks use (or none, or one
            // Trax does not know): each postback is a new word on the conversion, the newest received wins.
            var (payout, currency) = random.Next(5) == 0 ? Intent.Monies[random.Next(Intent.Monies.Length)] : intent.Money;
            var status = StatusValues[random.Next(StatusValues.Length)];
            var lower = random.Next(2) == 0;
            var query = new StringBuilder("clickid=").Append(Uri.EscapeDataString(intent.ClickId));
            if (status is not null)
            {
                query.Append("&status=").Append(status);
            }

            if (intent.TxId is not null)
            {
                query.Append("&txid=").Append(Uri.EscapeDataString(intent.TxId));
            }

            if (payout is { } amount)
            {
                query.Append("&payout=").Append(Payout.Format(amount));
            }
            else if (random.Next(2) == 0)
            {
                query.Append("&payout=");
            }

            if (currency is not null)
            {
                query.Append("&currency=").Append(lower ? currency.ToLowerInvariant() : currency);
            }

            var form = random.Next(3) == 0;
            steps.Add($"post {intent.ClickId} {intent.Key[..Math.Min(intent.Key.Length, 12)]} {status ?? "-"} {payout}{(form ? " (form)" : "")}");
            await SendAsync(new Request(new Sent(intent, status, payout, currency), "/wp-json/trax/v1/" + intent.Type.ToName(), query.ToString(), form));
        }

        private async Task SendAsync(Request request)
        {
            var (intent, path, query) = (request.Sent.Intent, request.Path, request.Query);
            for (var attempt = 1; ; attempt++)
            {
                var answer = await WithFaultsAsync(attempt, () => trax.SendAsync(request.Form ? HttpRequests.PostForm(path, query) : HttpRequests.Get(path + "?" + query)));
                await CollectQueuedAsync();
                if (answer.StatusCode == 200)
                {
                    accepted[answer.Field("id")!] = request.Sent;
                    sentRequests.Add(request);
                    return;
                }

                Expect(answer.StatusCode == 503, $"post {intent.Key}: answered {answer.StatusCode} {answer.Text}");
                if (attempt > 10)
                {
                    Expect(false, $"post {intent.Key}: no 200 after {attempt} tries");
                    return;
                }
            }
        }

        private async Task PostInvalidAsync()
        {
            steps.Add("post with an unreplaced macro");
            var answer = await WithFaultsAsync(1, () => trax.GetAsync("/wp-json/trax/v1/ftd?clickid=%7Bclickid%7D&network=AffiliateWeb"));
            await CollectQueuedAsync();
            Expect(answer.StatusCode == 400 && answer.Field("reason") == "unreplaced-macro", $"a macro click id answered {answer.StatusCode}");
        }

        /// <summary>The site posts the click until it gets a 200, as a retrying client does.</summary>
        private async Task RegisterAsync(string clickId)
        {
            steps.Add($"register {clickId}");
            for (var attempt = 1; ; attempt++)
            {
                var body = clickId == lateClick
                    ? JsonSerializer.Serialize(new { clickId, clickedAt = Noon.AddDays(-3), attributionWindowDays = 1, cost = "0.10", currency = "EUR" })
                    : JsonSerializer.Serialize(new { clickId, cost = "0.10", currency = "EUR" });
                var answer = await WithFaultsAsync(attempt, () => trax.PostJsonAsync("/api/clicks", body));
                if (answer.StatusCode == 200)
                {
                    lock (registered)
                    {
                        registered.Add(clickId);
                    }

                    return;
                }

                Expect(answer.StatusCode == 503, $"register {clickId}: answered {answer.StatusCode} {answer.Text}");
                if (attempt > 10)
                {
                    Expect(false, $"register {clickId}: no 200 after {attempt} tries");
                    return;
                }
            }
        }
    }
}
