using Trax.Forwards;

namespace Trax.Tests.Integration;

/// <summary>A forward's versions: jobs queued for a forward that was deleted, recreated, disabled or changed since are cancelled, not sent.</summary>
public sealed partial class ForwardingTests
{
    [Test]
    public async Task DeletedForward_JobsStillQueuedAreCancelled()
    {
        await PutForwardAsync("gone", new { url = receiver.BaseUrl + "/cb" });
        await PostAndProcessAsync(Sale);

        await trax.SendAsync(HttpRequests.Create("DELETE", "/api/forwards/gone"));
        await trax.DeliverForwardsAsync();

        Assert.That(receiver.Received, Is.Empty);
        Assert.That((await DeliveriesAsync("gone")).Single().GetProperty("outcome").GetString(), Is.EqualTo("cancelled"));
    }

    [Test]
    public async Task DeletedAndRecreatedForward_NeverReceivesTheOldVersionsQueuedRetry()
    {
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/old" });
        receiver.AnswerNext(503);
        await PostAndProcessAsync(Sale);
        await trax.DeliverForwardsAsync(maxPasses: 1); // the first attempt fails: its retry waits in the queue

        await trax.SendAsync(HttpRequests.Create("DELETE", "/api/forwards/ads"));
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/new", statuses = new[] { "rejected" } });
        await trax.DeliverForwardsAsync();

        Assert.That(receiver.Received.Select(r => r.PathAndQuery), Is.EqualTo(new[] { "/old" }), "the new forward is not the one the job was made for");
        var last = (await DeliveriesAsync("ads")).First();
        Assert.That(last.GetProperty("outcome").GetString(), Is.EqualTo("cancelled"));
        Assert.That(last.GetProperty("error").GetString(), Does.Contain("changed since"));
    }

    [Test]
    public async Task DisabledThenReenabledForward_NeverReceivesARetryQueuedBefore()
    {
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb" });
        receiver.AnswerNext(503);
        await PostAndProcessAsync(Sale);
        await trax.DeliverForwardsAsync(maxPasses: 1);

        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb", enabled = false });
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb", enabled = true });
        await trax.DeliverForwardsAsync();
        await PostAndProcessAsync("/wp-json/trax/v1/sale?clickid=c-77&txid=T-10");
        await trax.DeliverForwardsAsync();

        Assert.That(receiver.Received, Has.Count.EqualTo(2), "the first attempt, then only the conversion decided after the re-enable");
        Assert.That((await DeliveriesAsync("ads")).Select(d => d.GetProperty("outcome").GetString()), Is.EqualTo(new[] { "delivered", "cancelled", "retrying" }));
    }

    [Test]
    public async Task SavingTheSameForwardAgain_KeepsItsVersion_AndItsQueuedJobsAreSent()
    {
        var first = await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb", statuses = new[] { "approved" } });
        await PostAndProcessAsync(Sale);

        var again = await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb", statuses = new[] { "approved" } });
        var changed = await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb", statuses = new[] { "approved" }, timeoutSeconds = 20 });
        var changedBack = await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb", statuses = new[] { "approved" } });

        string Version(Answer answer) => answer.Body!.Value.GetProperty("forward").GetProperty("version").GetString()!;
        Assert.That(Version(again), Is.EqualTo(Version(first)), "a PUT that changes nothing is safe to repeat");
        Assert.That(Version(changed), Is.Not.EqualTo(Version(first)));
        Assert.That(Version(changedBack), Is.Not.EqualTo(Version(first)).And.Not.EqualTo(Version(changed)), "a version is never used twice");
        await trax.DeliverForwardsAsync();
        Assert.That(receiver.Received, Is.Empty, "the job was made for the first version, which has changed since");
    }

    [Test]
    public async Task JobFromBeforeVersions_IsSentWhileItsForwardIsUnchanged_AndCancelledOnceItChanges()
    {
        // A forward row and a job written before versions existed have none: such a job still belongs to the
        // forward until the forward is next changed.
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb?t={txid}" });
        await RemoveVersionAsync("ads");
        await PostAndProcessAsync(Sale);
        await PostAndProcessAsync("/wp-json/trax/v1/sale?clickid=c-77&txid=T-10");
        var legacy = (await trax.ReceiveForwardJobsAsync()).Select(m => (Message: m, Job: ForwardJobJson.Deserialize(TraxApp.DecodeLikeTheTrigger(m)))).ToList();
        Assert.That(legacy.Select(j => j.Job.ForwardVersion), Is.All.Null, "made from a forward row without a version");
        Assert.That(TraxApp.DecodeLikeTheTrigger(legacy[0].Message), Does.Not.Contain("forwardVersion"), "written as an older outbox wrote it");

        await trax.DeliverAsync(TraxApp.DecodeLikeTheTrigger(legacy[0].Message));
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb?t={txid}", timeoutSeconds = 5 });
        clock.Advance(TimeSpan.FromSeconds(1)); // the delivery log is newest first
        await trax.DeliverAsync(TraxApp.DecodeLikeTheTrigger(legacy[1].Message));

        Assert.That(receiver.Received.Select(r => r.PathAndQuery), Is.EqualTo(new[] { "/cb?t=" + legacy[0].Job.Values["txid"] }));
        Assert.That((await DeliveriesAsync("ads")).Select(d => d.GetProperty("outcome").GetString()), Is.EqualTo(new[] { "cancelled", "delivered" }));
    }

    /// <summary>Makes the forward's row as a version of Trax before forward versions wrote it.</summary>
    private async Task RemoveVersionAsync(string forwardId)
    {
        var row = (await trax.Forwards.GetEntityAsync<Azure.Data.Tables.TableEntity>(ForwardKeys.ForwardPartition(forwardId), ForwardKeys.ForwardRow)).Value;
        Assert.That(row.Remove("Version"), Is.True, "the row had a version");
        await trax.Forwards.UpdateEntityAsync(row, row.ETag, Azure.Data.Tables.TableUpdateMode.Replace);
    }
}
