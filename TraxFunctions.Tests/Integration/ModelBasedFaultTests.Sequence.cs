using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Trax.Core;

namespace Trax.Tests.Integration;

/// <summary>One random sequence: its state, and the steps it takes.</summary>
public sealed partial class ModelBasedFaultTests
{
    private sealed partial class Sequence(int seed)
    {
        private readonly Random random = new(seed);
        private readonly List<string> steps = [];
        private readonly List<Delivery> pending = [];
        private readonly List<Delivery> delivered = [];
        private readonly HashSet<string> registered = [];
        private readonly List<Intent> intents = [];
        private readonly Dictionary<string, Sent> accepted = [];
        private readonly List<Request> sentRequests = [];
        private FakeTimeProvider time = null!;
        private readonly List<string> violations = [];
        private readonly List<Delivery> poisonedAll = [];
        private int checks;

        /// <summary>A click registered as made days ago on a link with a one-day window: its conversions are outside-window.</summary>
        private string? lateClick;
        private TraxApp trax = null!;
        private ForwardReceiver receiver = null!;

        public async Task<SequenceResult> RunAsync()
        {
            time = new FakeTimeProvider(Noon);
            await using (receiver = await ForwardReceiver.StartAsync())
            await using (trax = await TraxApp.StartAsync(
                settings: new Dictionary<string, string?>
                {
                    ["Trax:ResendWindowHours"] = ResendWindow.TotalHours.ToString(CultureInfo.InvariantCulture),
                    // Time passes in the sequence: a forward is not given up on while it does.
                    ["Trax:Forwarding:GiveUpAfterHours"] = "168",
                    // Click costs are summed in EUR (the conversions' other currencies have no rates: only their revenue is unknown).
                    ["Trax:Reports:BaseCurrency"] = "EUR",
                },
                configureServices: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(time))))
            {
                try
                {
                    // A destination for every counted conversion, which answers 503 now and then (then 200).
                    receiver.AnswerNext([.. Enumerable.Range(0, 40).Select(_ => random.Next(5) == 0 ? 503 : 200)]);
                    var forward = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/model", JsonSerializer.Serialize(new
                    {
                        url = receiver.BaseUrl + "/f?k={conversionid}&s={status}&p={payout}&cur={currency}&by={postbackid}",
                    })));
                    Expect(forward.StatusCode == 201, $"forward: {forward.StatusCode} {forward.Text}");

                    // A partner that takes every stored conversion, attributed or not (it only needs the click id).
                    var every = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/every", JsonSerializer.Serialize(new
                    {
                        url = receiver.BaseUrl + "/e?k={conversionid}&s={status}&p={payout}&cur={currency}&by={postbackid}",
                        attribution = new[] { "attributed", "unattributed", "outside-window" },
                    })));
                    Expect(every.StatusCode == 201, $"forward: {every.StatusCode} {every.Text}");
                    var clicks = Enumerable.Range(0, random.Next(1, 4)).Select(i => i == 2 ? $"m{seed}/x%{i}" : $"m{seed}-{i}").ToList();
                    lateClick = clicks.Count > 1 ? clicks[1] : null;
                    string?[] txIds = [null, "T1", "T2", new string('L', 600) + "a", new string('L', 600) + "b", "C\u0001", "C\u0002", "{order_id}"];
                    intents.AddRange(clicks.SelectMany(c => new[] { ConversionType.Ftd, ConversionType.Reg }.Select(t => new Intent(c, t, null))
                        .Concat(txIds.Select(tx => new Intent(c, ConversionType.Sale, tx)))));
                    for (var i = random.Next(10, 31); i > 0; i--)
                    {
                        await StepAsync(clicks);
                    }

                    await FinishAsync();
                    await CheckAsync();
                }
                catch (Exception ex)
                {
                    violations.Add($"the sequence itself failed: {ex.GetType().Name}: {ex.Message}");
                }

                return new SequenceResult(seed, steps, trax.Faults.Injected.Count, checks, violations);
            }
        }

        private async Task StepAsync(List<string> clicks)
        {
            var roll = random.Next(100);
            switch (roll)
            {
                case < 34:
                    // Often another word on a conversion just posted: its life (pending, chargeback, retries) is what races.
                    await PostAsync(sentRequests.Count > 0 && random.Next(2) == 0 ? sentRequests[^1].Sent.Intent : intents[random.Next(intents.Count)]);
                    break;
                case < 40 when sentRequests.Count > 0:
                    // A network retries an earlier postback, exactly as it sent it, whatever came since: often a recent
                    // one, so that the retry, the original and what came between may still all be queued, in any order.
                    var retry = sentRequests[random.Next(2) == 0 ? random.Next(sentRequests.Count) : Math.Max(0, sentRequests.Count - 1 - random.Next(4))];
                    steps.Add($"network retry of {retry.Sent.Intent.Key[..Math.Min(retry.Sent.Intent.Key.Length, 12)]} {retry.Sent.Status ?? "-"} {retry.Sent.Payout}");
                    await SendAsync(retry);
                    break;
                case < 44:
                    await PostInvalidAsync();
                    break;
                case < 68 when pending.Count > 0:
                    await DeliverAsync(pending[random.Next(pending.Count)]);
                    break;
                case < 76 when delivered.Count > 0:
                    var again = delivered[random.Next(delivered.Count)];
                    steps.Add($"redeliver {Id(again)}");
                    await AttemptAsync(again);
                    break;
                case < 83 when pending.Count + delivered.Count > 0:
                    var both = pending.Concat(delivered).ElementAt(random.Next(pending.Count + delivered.Count));
                    steps.Add($"race {Id(both)}");
                    await Task.WhenAll(AttemptAsync(both), AttemptAsync(both));
                    break;
                case < 91:
                    await RegisterAsync(clicks[random.Next(clicks.Count)]);
                    break;
                case < 95 when pending.Count > 0:
                    var message = pending[random.Next(pending.Count)];
                    var click = ClickOf(message) ?? clicks[0];
                    steps.Add($"race registration of {click} with {Id(message)}");
                    await Task.WhenAll(RegisterAsync(click), AttemptAsync(message));
                    break;
                case < 96:
                    steps.Add("malformed message");
                    pending.Add(new Delivery(random.Next(2) == 0 ? "{\"v\":7}" : "not json", malformed: true));
                    break;
                case < 100:
                    var step = TimeSteps[random.Next(TimeSteps.Length)];
                    steps.Add($"{step.TotalMinutes} minutes pass");
                    time.Advance(step);

                    // Rollups run beside postbacks, updates and faults: roll the closed hours while a delivery races it.
                    steps.Add("roll the closed hours");
                    await Task.WhenAll(RollAsync(), pending.Count > 0 ? DeliverAsync(pending[random.Next(pending.Count)]) : Task.CompletedTask);
                    break;
                default:
                    await PostAsync(intents[random.Next(intents.Count)]);
                    break;
            }
        }
    }
}
