using Trax.PostbackLog;

namespace Trax.Tests.Integration;

/// <summary>What the sequence does as the host does: deliveries that fail and come back until poisoned, rolls, faults injected at storage calls, the queues collected.</summary>
public sealed partial class ModelBasedFaultTests
{
    private sealed partial class Sequence
    {
        private async Task DeliverAsync(Delivery message)
        {
            steps.Add($"deliver {Id(message)}");
            await AttemptAsync(message);
        }

        /// <summary>What the host does with one delivery: run the function; on failure the message comes back, until poisoned.</summary>
        private async Task AttemptAsync(Delivery message)
        {
            int failures;
            lock (pending)
            {
                failures = message.Failures;
            }

            try
            {
                await WithFaultsAsync(failures + 1, async () =>
                {
                    await (message.Forward ? trax.DeliverAsync(message.Text) : trax.ProcessAsync(message.Text));
                    return 0;
                });
                await CollectQueuedAsync();
                lock (pending)
                {
                    Expect(!message.Malformed, "a malformed message was processed");
                    if (pending.Remove(message))
                    {
                        delivered.Add(message);
                    }
                }
            }
            catch (Exception)
            {
                lock (pending)
                {
                    message.Failures++;
                    if (!pending.Contains(message) && !message.Poisoned)
                    {
                        // A redelivered copy failed: the host makes it visible again.
                        delivered.Remove(message);
                        pending.Add(message);
                    }

                    if (message.Failures >= MaxDequeueCount)
                    {
                        message.Poisoned = true;
                        pending.Remove(message);
                        poisonedAll.Add(message);
                    }
                }
            }
        }

        /// <summary>Faults stop; what is still queued is delivered until every message is processed or poisoned.</summary>
        /// <summary>One roll of every closed hour since the sequence began; a fault fails it (readers then see those hours stale).</summary>
        private async Task RollAsync()
        {
            try
            {
                await trax.Get<Trax.Rollups.RollupRoller>().RollDaysAsync(PostbackLogKeys.LogDay(Noon), PostbackLogKeys.LogDay(time.GetUtcNow()), CancellationToken.None);
                await trax.Get<Trax.Traffic.TrafficRoller>().RollDaysAsync(PostbackLogKeys.LogDay(Noon.AddDays(-3)), PostbackLogKeys.LogDay(time.GetUtcNow()), CancellationToken.None);
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or TimeoutException or OperationCanceledException)
            {
                steps.Add("roll failed");
            }
        }

        private async Task FinishAsync()
        {
            trax.Faults.Calm();
            steps.Add("faults stop; deliver the rest");
            while (true)
            {
                // Processing queues forward jobs, and a failed delivery may have queued its next attempt.
                await CollectQueuedAsync();
                if (pending.Count == 0)
                {
                    break;
                }

                await AttemptAsync(pending[0]);
            }

            // An operator replays what was poisoned: only the malformed messages may be there, and they stay poisoned.
            foreach (var poisoned in poisonedAll.ToList())
            {
                await AttemptAsync(poisoned);
            }
        }

        private async Task<T> WithFaultsAsync<T>(int attempt, Func<Task<T>> call)
        {
            if (attempt <= FaultyAttempts)
            {
                int faultSeed;
                lock (random)
                {
                    faultSeed = random.Next();
                }

                trax.Faults.Chaos(new Random(faultSeed), FaultProbability,
                    InjectedFault.ServerBusy, InjectedFault.ServerBusy, InjectedFault.LostResponse, InjectedFault.LostResponse,
                    InjectedFault.LostResponseRetried, InjectedFault.LostResponseRetried, InjectedFault.Timeout);
            }

            try
            {
                return await call();
            }
            finally
            {
                trax.Faults.Calm();
            }
        }

        /// <summary>Takes what intake and the outbox queued into the test's host (the queues the triggers would read).</summary>
        private async Task CollectQueuedAsync()
        {
            foreach (var message in await trax.ReceiveAllAsync())
            {
                lock (pending)
                {
                    pending.Add(new Delivery(TraxApp.DecodeLikeTheTrigger(message), malformed: false));
                }

                await trax.RawQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }

            foreach (var message in await trax.ReceiveForwardJobsAsync())
            {
                lock (pending)
                {
                    pending.Add(new Delivery(TraxApp.DecodeLikeTheTrigger(message), malformed: false, forward: true));
                }

                await trax.RawForwardQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }
}
