using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Trax.Clicks;
using Trax.Conversions;
using Trax.Extensions;
using Trax.PostbackLog;
using Trax.Postbacks;
using Trax.Storage;

namespace Trax.Tests.Hosting;

/// <summary>
/// The functions no request starts: the queue triggers, each reading the queue its sender writes to, and the timers.
/// </summary>
public sealed partial class HostWiringTests
{
    [Test]
    public void Metadata_RollHours_RunsEveryFiveMinutesOnATimer()
    {
        var trigger = Metadata.Trigger(nameof(Trax.Rollups.RollHours));

        Assert.That((string?)trigger["type"], Is.EqualTo("timerTrigger"));
        Assert.That((string?)trigger["schedule"], Is.EqualTo("0 */5 * * * *"));
    }

    [Test]
    public void Metadata_RollTraffic_RunsEveryFiveMinutesOnATimer()
    {
        var trigger = Metadata.Trigger(nameof(Trax.Traffic.RollTraffic));

        Assert.That((string?)trigger["type"], Is.EqualTo("timerTrigger"));
        Assert.That((string?)trigger["schedule"], Is.EqualTo("30 */5 * * * *"));
    }

    [Test]
    public void Metadata_CleanPostbackLog_RunsHourlyOnATimer()
    {
        var trigger = Metadata.Trigger(nameof(CleanPostbackLog));

        Assert.That((string?)trigger["type"], Is.EqualTo("timerTrigger"));
        Assert.That((string?)trigger["schedule"], Is.EqualTo("0 17 * * * *"));
    }

    [Test]
    public void Metadata_ProcessPostback_ReadsTheQueueTheSenderWritesTo()
    {
        var trigger = Metadata.Trigger(nameof(ProcessPostback));
        var expression = (string)trigger["queueName"]!;
        var settingKey = expression.Trim('%');

        Assert.That((string?)trigger["type"], Is.EqualTo("queueTrigger"));
        Assert.That((string?)trigger["connection"], Is.EqualTo(StorageConnection.Name));
        Assert.That(expression, Is.EqualTo("%Trax:QueueName%"));

        // The host resolves the expression from the same setting the sender's options bind...
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageConnection.Name] = "UseDevelopmentStorage=true",
            [settingKey] = "postbacks-custom",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddTrax(configuration).BuildServiceProvider();
        Assert.That(services.GetRequiredService<PostbackQueue>().Client.Name, Is.EqualTo("postbacks-custom"));

        // ...and the sample settings give it the options' default, so `func start` resolves it on a fresh clone.
        Assert.That((string?)SampleSettings[settingKey.Replace(":", "__")], Is.EqualTo(new TraxOptions().QueueName));
    }

    [Test]
    public void Metadata_DeliverForward_ReadsTheQueueTheOutboxWritesTo()
    {
        var trigger = Metadata.Trigger(nameof(Trax.Forwards.DeliverForward));
        var expression = (string)trigger["queueName"]!;
        var settingKey = expression.Trim('%');

        Assert.That((string?)trigger["type"], Is.EqualTo("queueTrigger"));
        Assert.That((string?)trigger["connection"], Is.EqualTo(StorageConnection.Name));
        Assert.That(expression, Is.EqualTo("%Trax:ForwardQueueName%"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageConnection.Name] = "UseDevelopmentStorage=true",
            [settingKey] = "forwards-custom",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddTrax(configuration).BuildServiceProvider();
        Assert.That(services.GetRequiredService<Trax.Forwards.ForwardQueue>().Client.Name, Is.EqualTo("forwards-custom"));
        Assert.That(services.GetRequiredService<Trax.Forwards.ForwardQueue>().Poison.Name, Is.EqualTo("forwards-custom-poison"), "where the host moves a job it cannot run");
        Assert.That((string?)SampleSettings[settingKey.Replace(":", "__")], Is.EqualTo(new TraxOptions().ForwardQueueName));
    }

    [Test]
    public void Metadata_CleanForwardDeliveries_RunsHourlyOnATimer()
    {
        var trigger = Metadata.Trigger(nameof(Trax.Forwards.CleanForwardDeliveries));

        Assert.That((string?)trigger["type"], Is.EqualTo("timerTrigger"));
        Assert.That((string?)trigger["schedule"], Is.EqualTo("0 47 * * * *"));
    }
}
