using Trax.Poison;

namespace Trax.Tests.Integration;

/// <summary>
/// <c>POST /api/admin/poison/replay?id=</c> on Azurite: an id behind the first 32 messages (Azure's receive maximum)
/// is found and replayed, an id the queue does not hold is a 404 that says so, and every other message stays in the
/// poison queue, visible again at once.
/// </summary>
[Category("Integration")]
public sealed class PoisonReplayTests
{
    private const int Messages = 40;

    private TraxApp trax = null!;
    private List<string> ids = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        trax = await TraxApp.StartAsync();
        ids = [];
        for (var i = 0; i < Messages; i++)
        {
            var sent = await trax.RawPoisonQueue.SendMessageAsync(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{{\"v\":7,\"n\":{i}}}")));
            ids.Add(sent.Value.MessageId);
        }
    }

    [TearDown]
    public async Task TearDownAsync() => await trax.DisposeAsync();

    [Test]
    public async Task ReplayById_BehindTheFirst32_IsFoundAndReplayedAndTheRestStay()
    {
        var target = ids[37];

        var answer = await trax.SendAsync(HttpRequests.Create("POST", $"/api/admin/poison/replay?id={Uri.EscapeDataString(target)}"));

        Assert.That(answer.StatusCode, Is.EqualTo(200));
        Assert.That(answer.Body!.Value.GetProperty("replayed").GetInt32(), Is.EqualTo(1));
        var moved = await trax.ReceiveAllAsync();
        Assert.That(moved.Select(m => m.MessageText), Is.EqualTo(new[] { Convert.ToBase64String("{\"v\":7,\"n\":37}"u8.ToArray()) }), "byte for byte to the postback queue");
        Assert.That(await VisibleIdsAsync(), Is.EquivalentTo(ids.Where(id => id != target)), "every other message is still there and visible again");
    }

    [Test]
    public async Task ReplayById_UnknownId_Is404AndMovesNothing()
    {
        var answer = await trax.SendAsync(HttpRequests.Create("POST", "/api/admin/poison/replay?id=no-such-message"));

        Assert.That(answer.StatusCode, Is.EqualTo(404));
        Assert.That(answer.Field("reason"), Is.EqualTo("unknown-message"));
        Assert.That(answer.Field("message"), Does.Contain($"all {Messages}"));
        Assert.That(await trax.ReceiveAllAsync(), Is.Empty);
        Assert.That(await VisibleIdsAsync(), Is.EquivalentTo(ids));
    }

    [Test]
    public async Task Replay_StorageFailingMidway_Is503AndTheMessagesNotMovedAreVisibleAgainAtOnce()
    {
        // Requests from now: 1 receive, 2 send the first, 3 delete it, 4 send the second (fails).
        trax.Faults.FailNth(4, InjectedFault.ServerBusy);

        var answer = await trax.SendAsync(HttpRequests.Create("POST", "/api/admin/poison/replay"));

        Assert.That(answer.StatusCode, Is.EqualTo(503));
        var moved = await trax.ReceiveAllAsync();
        Assert.That(moved, Has.Count.EqualTo(1));
        Assert.That(await VisibleIdsAsync(), Is.EquivalentTo(ids.Skip(1)),
            "the 31 received but not moved are listed and replayable again at once, not hidden for a minute");
    }

    [Test]
    public async Task ReplayById_StorageFailingOnTheSend_Is503AndTheMessageIsVisibleAgainAtOnce()
    {
        var target = ids[3];
        trax.Faults.Fail(StorageFaults.Queue("send"), InjectedFault.ServerBusy);

        var answer = await trax.SendAsync(HttpRequests.Create("POST", $"/api/admin/poison/replay?id={Uri.EscapeDataString(target)}"));

        Assert.That(answer.StatusCode, Is.EqualTo(503));
        Assert.That(await trax.ReceiveAllAsync(), Is.Empty);
        Assert.That(await VisibleIdsAsync(), Is.EquivalentTo(ids), "a retry finds it, rather than a 404 that says it was replayed");
    }

    /// <summary>The poison queue's visible messages, received and deleted (the test is done with them).</summary>
    private async Task<List<string>> VisibleIdsAsync()
    {
        var seen = new List<string>();
        while (true)
        {
            var batch = (await trax.RawPoisonQueue.ReceiveMessagesAsync(PoisonMessages.MaxBatch, TimeSpan.FromMinutes(1))).Value;
            if (batch.Length == 0) return seen;
            seen.AddRange(batch.Select(m => m.MessageId));
        }
    }
}
