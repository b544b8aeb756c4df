using System.Runtime.CompilerServices;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Trax.Testing;

/// <summary>
/// Injects storage faults into the real clients (registered in DI as a pipeline policy, which <c>AddTrax</c> adds
/// to every storage client, beside the request counter). A rule fails the next requests that match it, or the N-th
/// request from now; a gate holds a matching request until the test releases it, to force an interleaving.
/// </summary>
public sealed class StorageFaults : HttpPipelinePolicy
{
    private readonly Lock sync = new();
    private readonly List<Rule> rules = [];
    private readonly List<Gate> gates = [];
    private readonly List<(StorageRequest Request, InjectedFault Fault)> injected = [];
    private readonly ConditionalWeakTable<HttpMessage, object> timedOut = [];
    private int seen;
    // Per async flow: a caller's chaos reaches only the requests of the calls it makes, not those of a call racing it.
    private readonly AsyncLocal<(Random Random, double Probability, InjectedFault[] Kinds)?> chaos = new();

    /// <summary>Requests that reached this policy (every attempt counts, as it does for the service).</summary>
    public int Seen => Volatile.Read(ref seen);

    public IReadOnlyList<(StorageRequest Request, InjectedFault Fault)> Injected
    {
        get
        {
            lock (sync)
            {
                return [.. injected];
            }
        }
    }

    /// <summary>Fails the next <paramref name="times"/> requests that <paramref name="match"/> accepts.</summary>
    public void Fail(Func<StorageRequest, bool> match, InjectedFault fault, int times = 1)
    {
        lock (sync)
        {
            rules.Add(new Rule(match, null, fault, times));
        }
    }

    /// <summary>
    /// Fails the next <paramref name="operation"/> on one entity whose partition key starts with <paramref name="partitionKey"/>,
    /// of a test table whose configured name starts with <paramref name="table"/>: one write told apart from others of
    /// its kind (a reconciliation's summary and the network's mapping are both upserts of one table) by its address.
    /// </summary>
    public void FailPartition(string table, string operation, string partitionKey, InjectedFault fault)
    {
        var address = $"(PartitionKey='{partitionKey.Replace("'", "''", StringComparison.Ordinal)}";
        lock (sync)
        {
            rules.Add(new Rule(Table(table, operation), null, fault, 1) { Address = path => path.Contains(address, StringComparison.Ordinal) });
        }
    }

    /// <summary>Fails the <paramref name="n"/>-th request from now (1 is the next one), whatever it is.</summary>
    public void FailNth(int n, InjectedFault fault)
    {
        lock (sync)
        {
            rules.Add(new Rule(_ => true, Seen + n, fault, 1));
        }
    }

    /// <summary>Holds the next request that <paramref name="match"/> accepts until the gate is released or its caller gives up on it.</summary>
    public Gate Hold(Func<StorageRequest, bool> match)
    {
        var gate = new Gate(match);
        lock (sync)
        {
            gates.Add(gate);
        }

        return gate;
    }

    /// <summary>
    /// While on, each request made by the calling async flow (what it awaits after this call) fails with
    /// <paramref name="probability"/>, with one of <paramref name="kinds"/> drawn from <paramref name="random"/> (seeded
    /// by the caller, so that a failing run can be told again). Calls racing it see their own chaos, or none.
    /// </summary>
    public void Chaos(Random random, double probability, params InjectedFault[] kinds)
    {
        lock (sync)
        {
            chaos.Value = (random, probability, kinds);
        }
    }

    public void Calm()
    {
        lock (sync)
        {
            chaos.Value = null;
        }
    }

    public void Clear()
    {
        lock (sync)
        {
            rules.Clear();
            foreach (var gate in gates)
            {
                gate.Release();
            }

            gates.Clear();
            chaos.Value = null;
        }
    }

    /// <summary>A table request of a test table whose configured name starts with <paramref name="table"/>.</summary>
    public static Func<StorageRequest, bool> Table(string table, string? operation = null) =>
        r => r.Service == "table" && r.Resource.StartsWith(table, StringComparison.Ordinal) && (operation is null || r.Operation == operation);

    public static Func<StorageRequest, bool> Queue(string? operation = null) =>
        r => r.Service == "queue" && (operation is null || r.Operation == operation);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var request = StorageRequestCounter.Describe(message.Request, 0);
        var path = Uri.UnescapeDataString(message.Request.Uri.Path);
        var number = Interlocked.Increment(ref seen);
        if (timedOut.TryGetValue(message, out _))
        {
            // A timed-out request stays timed out on the SDK's retries: the caller sees the call fail.
            throw new TaskCanceledException("Injected fault: the request timed out.");
        }

        Gate? gate;
        InjectedFault? fault = null;
        lock (sync)
        {
            gate = gates.FirstOrDefault(g => g.Match(request));
            if (gate is not null)
            {
                gates.Remove(gate);
            }

            var rule = rules.FirstOrDefault(r => r.Nth is null ? r.Match(request) && (r.Address is null || r.Address(path)) : r.Nth == number);
            if (rule is null && chaos.Value is { } c && c.Random.NextDouble() < c.Probability)
            {
                rule = new Rule(_ => true, null, c.Kinds[c.Random.Next(c.Kinds.Length)], 1);
                rules.Add(rule);
            }

            if (rule is not null)
            {
                fault = rule.Fault;
                rule.Remaining--;
                if (rule.Remaining == 0)
                {
                    rules.Remove(rule);
                }

                injected.Add((request, rule.Fault));
            }
        }

        if (gate is not null)
        {
            await gate.PassAsync(message.CancellationToken);
        }

        switch (fault)
        {
            case InjectedFault.ServerBusy:
                throw new RequestFailedException(503, "Injected fault: the server is busy.", "ServerBusy", null);
            case InjectedFault.BadRequest:
                throw new RequestFailedException(400, "Injected fault: the service refused the request as bad input.", "InvalidInput", null);
            case InjectedFault.Timeout:
                timedOut.AddOrUpdate(message, this);
                throw new TaskCanceledException("Injected fault: the request timed out.");
        }

        await ProcessNextAsync(message, pipeline);
        switch (fault)
        {
            case InjectedFault.LostResponse:
                throw new RequestFailedException(503, "Injected fault: applied by the service, but the response was lost.", "ServerBusy", null);
            case InjectedFault.LostResponseRetried:
                throw new IOException("Injected fault: applied by the service, but the connection dropped before the response.");
        }
    }

    private sealed class Rule(Func<StorageRequest, bool> match, int? nth, InjectedFault fault, int times)
    {
        public Func<StorageRequest, bool> Match { get; } = match;

        public int? Nth { get; } = nth;

        /// <summary>Also required of the request's unescaped path, when set.</summary>
        public Func<string, bool>? Address { get; init; }

        public InjectedFault Fault { get; } = fault;

        public int Remaining { get; set; } = times;
    }

    /// <summary>
    /// Where a held request waits: <see cref="Reached"/> completes when it arrives. It waits until released, or until its
    /// caller gives up on it (its cancellation token: a budget, a timeout), as a request the service never answers.
    /// </summary>
    public sealed class Gate(Func<StorageRequest, bool> match)
    {
        private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource gaveUp = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Func<StorageRequest, bool> Match { get; } = match;

        public Task Reached => reached.Task;

        /// <summary>
        /// Completes when the held request's caller gives up on it (its token is cancelled). A budget on a fake clock
        /// cancels inside <c>Advance</c>, so a test sees here, without waiting, whether the clock's move ended it.
        /// </summary>
        public Task GaveUp => gaveUp.Task;

        public void Release() => released.TrySetResult();

        internal Task PassAsync(CancellationToken cancellationToken)
        {
            cancellationToken.Register(() => gaveUp.TrySetResult());
            reached.TrySetResult();
            return released.Task.WaitAsync(cancellationToken);
        }
    }
}
