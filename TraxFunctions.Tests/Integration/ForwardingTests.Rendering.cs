using System.Text.Json;
using Trax.Core;
using Trax.Forwards;

namespace Trax.Tests.Integration;

/// <summary>Forwards that cannot render: a 16,000-character txid, a template past the size limit, a macro this version does not know.</summary>
public sealed partial class ForwardingTests
{
    [Test]
    public async Task MessageWithA16000CharacterTxid_AcceptedBeforeTheBound_IsStored_AndItsForwardFailsInTheDeliveryLogNotInPoison()
    {
        // Issue 17: a postback an older Trax accepted, still in the queue. Its conversion is stored and counted; its
        // forward job (the txid again, JSON-escaped, then Base64) cannot be a queue message. That must not throw
        // (the message would be retried, then poisoned, although the conversion was stored).
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb?t={txid}" });
        clock.Advance(TimeSpan.FromSeconds(1));

        await trax.ProcessAsync(OldMessage("c-77", new string('<', 16_000)));

        Assert.That((await trax.ConversionsAsync()).Single().TxId, Has.Length.EqualTo(16_000), "stored");
        var delivery = (await DeliveriesAsync("ads")).Single();
        Assert.That(delivery.GetProperty("outcome").GetString(), Is.EqualTo("failed"));
        Assert.That(delivery.GetProperty("error").GetString(), Does.Contain("larger than a queue message"));
        Assert.That(await trax.DeliverForwardsAsync(), Is.Zero, "nothing was queued");
        Assert.That(receiver.Received, Is.Empty);
        var conversionId = delivery.GetProperty("conversionId").GetString()!;
        var replay = await trax.SendAsync(HttpRequests.Create("POST", $"/api/forwards/ads/replay?conversion={Uri.EscapeDataString(conversionId)}"));
        Assert.That((replay.StatusCode, replay.Field("reason")), Is.EqualTo((413, "conversion-too-large")));
    }

    [Test]
    public async Task OrphanWithA16000CharacterTxid_WhenItsClickIsRegistered_Answers200_AndItsForwardFailsInTheDeliveryLog()
    {
        // Registering the click attributes the orphan and queues its forward: that answered 500 on every retry.
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb?t={txid}" });
        await trax.ProcessAsync(OldMessage("late-9", new string('<', 16_000)));

        var registered = await trax.PostJsonAsync("/api/clicks", """{"clickId":"late-9","sub1":"upstream-9"}""");

        Assert.That(registered.StatusCode, Is.EqualTo(200), registered.Text);
        Assert.That((await trax.ConversionsAsync()).Single().Orphan, Is.False, "attributed");
        Assert.That((await DeliveriesAsync("ads")).Single().GetProperty("outcome").GetString(), Is.EqualTo("failed"));
        Assert.That(receiver.Received, Is.Empty);
    }

    [Test]
    public async Task TemplatesThatCouldRenderPastTheLimit_AreRefusedWhenSaved()
    {
        // Issue 17: a body of 1,365 × {txid} (8,190 characters, within the template limit) rendered 21 MB.
        var body = string.Concat(Enumerable.Repeat("{txid}", 1_365));
        var url = receiver.BaseUrl + "/cb?" + string.Concat(Enumerable.Repeat("t={txid}&", 200));

        var hugeBody = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/big", JsonSerializer.Serialize(new { url = receiver.BaseUrl + "/cb", method = "POST", bodyFormat = "json", body })));
        var hugeUrl = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/big", JsonSerializer.Serialize(new { url })));
        var everyMacroTwice = string.Join(',', ForwardMacros.All.Concat(ForwardMacros.All).Select(m => $"\"{m}\":\"{{{m}}}\""));
        var ordinary = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/big", JsonSerializer.Serialize(new { url = receiver.BaseUrl + "/cb", method = "POST", bodyFormat = "json", body = "{" + everyMacroTwice + "}" })));

        Assert.That((hugeBody.StatusCode, hugeBody.Field("reason")), Is.EqualTo((400, "template-too-large")));
        Assert.That(hugeBody.Field("message"), Does.Contain("body"));
        Assert.That((hugeUrl.StatusCode, hugeUrl.Field("reason")), Is.EqualTo((400, "template-too-large")));
        Assert.That(hugeUrl.Field("message"), Does.Contain("url"));
        Assert.That(ordinary.StatusCode, Is.EqualTo(201), "every macro twice in a JSON body is far from the limit: " + ordinary.Text);
    }

    [Test]
    public async Task ForwardSavedBeforeTheSizeRule_RenderingPastTheLimit_FailsInTheDeliveryLog_AndSendsNothing()
    {
        await PutForwardAsync("big", new { url = receiver.BaseUrl + "/cb", method = "POST", bodyFormat = "json", body = "{txid}" });
        var row = (await trax.Forwards.GetEntityAsync<Azure.Data.Tables.TableEntity>(ForwardKeys.ForwardPartition("big"), ForwardKeys.ForwardRow)).Value;
        row["Body"] = string.Concat(Enumerable.Repeat("{txid}", 1_365)); // as saved before templates were bounded
        await trax.Forwards.UpdateEntityAsync(row, row.ETag, Azure.Data.Tables.TableUpdateMode.Replace);

        await PostAndProcessAsync("/wp-json/trax/v1/sale?clickid=c-77&txid=" + new string('<', PostbackLimits.MaxTxIdLength));
        await trax.DeliverForwardsAsync();

        Assert.That(receiver.Received.Count, Is.Zero, "1,365 × 1,024 characters were not rendered and sent");
        var delivery = (await DeliveriesAsync("big")).Single();
        Assert.That(delivery.GetProperty("outcome").GetString(), Is.EqualTo("failed"));
        Assert.That(delivery.GetProperty("error").GetString(), Does.Contain("body").And.Contain("longer than"));
        Assert.That((await trax.RawForwardPoisonQueue.ReceiveMessagesAsync(10)).Value, Is.Empty);
    }

    [Test]
    public async Task ForwardHoldingAMacroThisVersionDoesNotKnow_FailsInTheDeliveryLog_AndSendsNothing()
    {
        await PutForwardAsync("old", new { url = receiver.BaseUrl + "/cb?t={txid}" });
        var row = (await trax.Forwards.GetEntityAsync<Azure.Data.Tables.TableEntity>(ForwardKeys.ForwardPartition("old"), ForwardKeys.ForwardRow)).Value;
        row["Url"] = receiver.BaseUrl + "/cb?t={txid}&gone={retired_macro}"; // as saved by a version that knew the macro
        await trax.Forwards.UpdateEntityAsync(row, row.ETag, Azure.Data.Tables.TableUpdateMode.Replace);

        await PostAndProcessAsync("/wp-json/trax/v1/sale?clickid=c-77&txid=T-1");
        await trax.DeliverForwardsAsync();

        Assert.That(receiver.Received.Count, Is.Zero);
        var delivery = (await DeliveriesAsync("old")).Single();
        Assert.That(delivery.GetProperty("outcome").GetString(), Is.EqualTo("failed"));
        Assert.That(delivery.GetProperty("error").GetString(), Does.Contain("{retired_macro}"));
        Assert.That((await trax.RawForwardPoisonQueue.ReceiveMessagesAsync(10)).Value, Is.Empty, "a template is not a transient fault: no retries into poison");
    }

    /// <summary>A postback message as an older Trax queued it (before txids were bounded), for the processor.</summary>
    private string OldMessage(string clickId, string txId)
    {
        var message = new PostbackMessage
        {
            Version = PostbackMessage.CurrentVersion, Id = PostbackIds.New(clock.GetUtcNow()), Type = ConversionType.Sale, ClickId = clickId,
            TxId = txId, ReceivedAt = clock.GetUtcNow(), Method = "POST", Body = $"clickid={clickId}&txid={txId}",
        };
        return System.Text.Encoding.UTF8.GetString(PostbackMessageJson.Serialize(message));
    }
}
