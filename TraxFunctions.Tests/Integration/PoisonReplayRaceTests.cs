using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace Trax.Tests.Integration;

/// <summary>
/// A replay whose hold on a poison message ran out before it deleted it (slow storage, a long batch): another replay
/// or the queue took the message back, so the pop receipt the replay holds is stale and the delete answers 404.
/// The copy is in the postback queue by then: that is a replay done, with a copy left in both queues (harmless, the
/// processor stores once), never a 500.
/// </summary>
[Category("Integration")]
public sealed class PoisonReplayRaceTests
{
    private TraxApp trax = null!;
    private StaleReceipt stale = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        stale = new StaleReceipt();
        trax = await TraxApp.StartAsync(configureServices: s => s.AddSingleton<HttpPipelinePolicy>(stale));
        stale.Poison = trax.RawPoisonQueue;
    }

    [TearDown]
    public async Task TearDownAsync() => await trax.DisposeAsync();

    [TestCase("")]
    [TestCase("?id=")]
    public async Task Replay_WhoseHoldRanOutBeforeTheDelete_IsReplayedAndLeavesACopyInBoth(string query)
    {
        var text = Convert.ToBase64String("{\"v\":7}"u8.ToArray());
        var id = (await trax.RawPoisonQueue.SendMessageAsync(text)).Value.MessageId;

        var answer = await trax.SendAsync(HttpRequests.Create("POST", "/api/admin/poison/replay" + (query.Length == 0 ? "" : query + id)));

        Assert.That(stale.Fired, Is.True, "the delete met a stale pop receipt");
        Assert.That((answer.StatusCode, answer.Body!.Value.GetProperty("replayed").GetInt32()), Is.EqualTo((200, 1)), answer.Text);
        Assert.That((await trax.ReceiveAllAsync()).Select(m => m.MessageText), Is.EqualTo(new[] { text }));
        Assert.That((await trax.RawPoisonQueue.PeekMessagesAsync(32)).Value.Select(m => m.MessageId), Is.EqualTo(new[] { id }),
            "still in the poison queue: a copy in both, never in neither");
    }

    [Test]
    public async Task ReplayById_WhoseHoldOnAnotherMessageRanOut_Is404NotAFailure()
    {
        await trax.RawPoisonQueue.SendMessageAsync(Convert.ToBase64String("{\"v\":7}"u8.ToArray()));
        stale.Method = RequestMethod.Put;

        var answer = await trax.SendAsync(HttpRequests.Create("POST", "/api/admin/poison/replay?id=no-such-message"));

        Assert.That(stale.Fired, Is.True, "the release met a stale pop receipt");
        Assert.That((answer.StatusCode, answer.Field("reason")), Is.EqualTo((404, "unknown-message")), answer.Text);
        Assert.That((await trax.RawPoisonQueue.PeekMessagesAsync(32)).Value, Has.Length.EqualTo(1));
    }

    /// <summary>Before the first delete (or release) of a poison message, makes its pop receipt stale as a hold running out would.</summary>
    private sealed class StaleReceipt : HttpPipelinePolicy
    {
        public QueueClient? Poison { get; set; }

        public RequestMethod Method { get; set; } = RequestMethod.Delete;

        public bool Fired { get; private set; }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var uri = message.Request.Uri.ToUri();
            if (!Fired && Poison is not null && message.Request.Method == Method && uri.AbsolutePath.Contains($"/{Poison.Name}/messages/", StringComparison.Ordinal))
            {
                Fired = true;
                var receipt = System.Web.HttpUtility.ParseQueryString(uri.Query)["popreceipt"]!;
                await Poison.UpdateMessageAsync(uri.Segments[^1], receipt, visibilityTimeout: TimeSpan.Zero);
            }

            await ProcessNextAsync(message, pipeline);
        }
    }
}
