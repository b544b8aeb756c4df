using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Trax.Clicks;
using Trax.Conversions;
using Trax.Core;
using Trax.PostbackLog;
using Trax.Rollups;
using Trax.Zones;

namespace Trax.Tests.Integration;

/// <summary>
/// Random postbacks over about three days, with late changes, re-attributions and storage faults while the roller runs:
/// the report still equals reading every index row.
/// </summary>
public sealed partial class RollupTests
{
    [Test]
    public async Task Report_RandomDataWithLateChangesReattributionsAndFaults_EqualsReadingEveryIndexRow([Values(1, 2, 3)] int seed)
    {
        var random = new Random(seed);
        var orphans = await SendRandomAsync(random, 90);
        await DrainWithFaultsAndRollingAsync(random);
        await AssertReportsEqualIndexAsync("before late changes");

        // A day later: status and payout changes of old conversions, and the orphans' clicks registered (re-attribution).
        clock.Advance(TimeSpan.FromDays(1));
        await trax.Get<RollupRoller>().RollDaysAsync(PostbackLogKeys.LogDay(Start), PostbackLogKeys.LogDay(clock.GetUtcNow()), CancellationToken.None);
        foreach (var conversion in (await trax.ConversionsAsync()).OrderBy(_ => random.Next()).Take(25))
        {
            var status = random.Next(3) switch { 0 => "approved", 1 => "rejected", _ => "pending" };
            await trax.GetAsync($"/wp-json/trax/v1/{conversion.Type.ToName()}?clickid={Uri.EscapeDataString(conversion.ClickId)}" +
                $"{(conversion.TxId is { } tx ? "&txid=" + tx : "")}&status={status}&payout={random.Next(1, 900)}.{random.Next(100):D2}&currency={(random.Next(2) == 0 ? "EUR" : "USD")}");
            clock.Advance(TimeSpan.FromMinutes(random.Next(1, 30)));
        }

        var dirty = DrainWithFaultsAndRollingAsync(random);
        foreach (var clickId in orphans.Where(_ => random.Next(2) == 0))
        {
            var click = new Click { ClickId = clickId, ClickedAt = Start.AddHours(-2), Attributes = new() { Campaign = "late" } };
            await trax.SeedClickAsync(click);
            await trax.Get<OrphanReattributor>().ClickRegisteredAsync(click, CancellationToken.None);
        }

        await dirty;
        var mixed = await trax.Get<RollupReader>().ReadAsync(Start, clock.GetUtcNow(), CancellationToken.None);
        Assert.That(mixed.RolledHours, Is.GreaterThan(0), "hours rolled before the late changes are read from rollups");
        Assert.That(mixed.LiveHours, Is.GreaterThan(0), "hours the late changes made dirty are read live");
        await AssertReportsEqualIndexAsync("with late changes, not rolled again");

        clock.Advance(TimeSpan.FromHours(2));
        await trax.Get<RollupRoller>().RollDaysAsync(PostbackLogKeys.LogDay(Start), PostbackLogKeys.LogDay(clock.GetUtcNow()), CancellationToken.None);
        await AssertReportsEqualIndexAsync("rolled again");
    }

    /// <summary>Postbacks at random times over about three days; returns the click ids that were unknown (orphans).</summary>
    private async Task<List<string>> SendRandomAsync(Random random, int count)
    {
        var known = Enumerable.Range(0, 12).Select(i => $"k-{i}").ToList();
        foreach (var clickId in known)
        {
            await trax.SeedClickAsync(new Click { ClickId = clickId, ClickedAt = Start.AddHours(-1), Attributes = new() { Campaign = "c" + (clickId.Length % 3) } });
        }

        var orphans = new List<string>();
        for (var i = 0; i < count; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(random.Next(1, 90)));
            var orphan = random.Next(4) == 0;
            var clickId = orphan ? $"o-{i}" : known[random.Next(known.Count)];
            if (orphan)
            {
                orphans.Add(clickId);
            }

            var type = random.Next(3) switch { 0 => "ftd", 1 => "reg", _ => "sale" };
            var query = new StringBuilder($"/wp-json/trax/v1/{type}?clickid={clickId}&network=n{random.Next(3)}&program=p{random.Next(2)}");
            if (type == "sale")
            {
                query.Append(CultureInfo.InvariantCulture, $"&txid=t{random.Next(5)}");
            }

            if (random.Next(5) > 0)
            {
                query.Append(CultureInfo.InvariantCulture, $"&payout={random.Next(0, 500)}.{random.Next(10000):D4}&currency={(random.Next(3) == 0 ? "USD" : "EUR")}");
            }

            if (random.Next(3) == 0)
            {
                query.Append(random.Next(2) == 0 ? "&status=pending" : "&status=rejected");
            }

            await trax.GetAsync(query.ToString());
        }

        return orphans;
    }

    /// <summary>Processes the queue as the host would (faults on the first attempts, then retried), with the roller running beside it.</summary>
    private async Task DrainWithFaultsAndRollingAsync(Random random)
    {
        var messages = await trax.ReceiveAllAsync();
        var seeds = messages.Select(_ => random.Next()).ToList();
        using var stop = new CancellationTokenSource();
        var roller = trax.Get<RollupRoller>();
        var rolling = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await roller.RollDaysAsync(PostbackLogKeys.LogDay(Start), PostbackLogKeys.LogDay(clock.GetUtcNow()), CancellationToken.None);
                }
                catch (Exception ex) when (ex is Azure.RequestFailedException or TableTransactionFailedException)
                {
                    // A failed roll leaves old rows naming old versions: readers see them stale.
                }
            }
        });
        await Parallel.ForEachAsync(messages.Select((m, i) => (Message: m, Seed: seeds[i])), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, ct) =>
        {
            var text = TraxApp.DecodeLikeTheTrigger(item.Message);
            for (var attempt = 1; ; attempt++)
            {
                if (attempt <= 2)
                {
                    trax.Faults.Chaos(new Random(item.Seed + attempt), 0.15, InjectedFault.ServerBusy, InjectedFault.LostResponse, InjectedFault.LostResponseRetried);
                }
                else
                {
                    trax.Faults.Calm();
                }

                try
                {
                    await trax.ProcessAsync(text, ct);
                    break;
                }
                catch (Exception) when (attempt < 6)
                {
                    // The host retries the message.
                }
            }

            trax.Faults.Calm();
            await trax.RawQueue.DeleteMessageAsync(item.Message.MessageId, item.Message.PopReceipt, ct);
        });
        await stop.CancelAsync();
        await rolling;
    }
}
