using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace Trax.Tests.Integration;

/// <summary>
/// The two policies that make Azurite behave like Azure in tests: Azure's table limits (Azurite is laxer), and
/// injected faults. If either stopped working, every test that relies on it would pass for the wrong reason.
/// </summary>
[Category("Integration")]
public sealed class StorageTestPoliciesTests
{
    private TableClient table = null!;
    private StorageFaults faults = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        faults = new StorageFaults();
        var options = new TableClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.AddPolicy(new AzureTableLimits(), HttpPipelinePosition.PerRetry);
        options.AddPolicy(faults, HttpPipelinePosition.PerRetry);
        table = new TableServiceClient((await AzuriteServer.SharedAsync()).ConnectionString, options).GetTableClient("Limits" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateAsync();
    }

    [TearDown]
    public async Task TearDownAsync() => await table.DeleteAsync();

    [Test]
    public async Task Limits_KeyOf512Characters_IsStored()
    {
        await table.AddEntityAsync(new TableEntity(new string('p', 512), new string('r', 512)));

        Assert.That(await table.QueryAsync<TableEntity>().CountAsync(), Is.EqualTo(1));
    }

    [TestCase(513, 1)]
    [TestCase(1, 513)]
    public async Task Limits_KeyOver512Characters_IsRefusedAsAzureWould(int partitionLength, int rowLength)
    {
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() =>
            table.AddEntityAsync(new TableEntity(new string('p', partitionLength), new string('r', rowLength))));

        Assert.That(ex!.Status, Is.EqualTo(400));
        Assert.That(ex.ErrorCode, Is.EqualTo("KeyValueTooLarge"));
    }

    [Test]
    public async Task Limits_LongKeyInsideATransaction_IsRefused()
    {
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", "ok")),
            new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity("p", new string('r', 600))),
        ]));

        Assert.That(ex!.ErrorCode, Is.EqualTo("KeyValueTooLarge"));
    }

    [Test]
    public async Task Limits_PointReadWithLongKey_IsRefused()
    {
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityIfExistsAsync<TableEntity>("p", new string('r', 513)));

        Assert.That(ex!.ErrorCode, Is.EqualTo("KeyValueTooLarge"));
    }

    [Test]
    public async Task Limits_BinaryOf64KiB_IsStoredOneByteMoreOrAnEntityOver1MiBIsRefused()
    {
        // 768 KiB in all: Azurite counts the base64 of the request's JSON against 1 MiB, Azure the bytes.
        var chunks = Enumerable.Range(0, 11).ToDictionary(i => "B" + i, _ => (object)new byte[64_000]);
        await table.AddEntityAsync(new TableEntity(chunks) { PartitionKey = "p", RowKey = "ok", ["One"] = new byte[64 * 1024] });

        var binary = await Assert.ThrowsAsync<RequestFailedException>(() =>
            table.AddEntityAsync(new TableEntity("p", "r") { ["Body"] = new byte[(64 * 1024) + 1] }));
        var entity = await Assert.ThrowsAsync<RequestFailedException>(() =>
            table.AddEntityAsync(new TableEntity(Enumerable.Range(0, 17).ToDictionary(i => "B" + i, _ => (object)new byte[64_000])) { PartitionKey = "p", RowKey = "big" }));

        Assert.That((binary!.ErrorCode, entity!.ErrorCode), Is.EqualTo(("PropertyValueTooLarge", "EntityTooLarge")));
        Assert.That(await table.QueryAsync<TableEntity>().CountAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task Limits_StringOver32768Characters_IsRefused()
    {
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() =>
            table.AddEntityAsync(new TableEntity("p", "r") { ["Body"] = new string('x', 32 * 1024 + 1) }));

        Assert.That(ex!.ErrorCode, Is.EqualTo("PropertyValueTooLarge"));
    }

    [Test]
    public async Task Limits_DateBefore1601_IsRefused()
    {
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() =>
            table.AddEntityAsync(new TableEntity("p", "r") { ["ClickedAt"] = new DateTimeOffset(1600, 12, 31, 0, 0, 0, TimeSpan.Zero) }));

        Assert.That(ex!.ErrorCode, Is.EqualTo("OutOfRangeInput"));
    }

    [Test]
    public async Task Faults_ServerBusy_FailsTheCallWithoutReachingStorage()
    {
        faults.Fail(StorageFaults.Table("Limits", "insert"), InjectedFault.ServerBusy);

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));

        Assert.That(ex!.Status, Is.EqualTo(503));
        Assert.That(await table.QueryAsync<TableEntity>().CountAsync(), Is.Zero);
    }

    [Test]
    public async Task Faults_LostResponse_FailsTheCallAlthoughTheWriteHappened()
    {
        faults.Fail(StorageFaults.Table("Limits", "insert"), InjectedFault.LostResponse);

        await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));

        Assert.That(await table.QueryAsync<TableEntity>().CountAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task Faults_LostResponseRetried_MakesTheSdkRetryMeetItsOwnInsert()
    {
        faults.Fail(StorageFaults.Table("Limits", "insert"), InjectedFault.LostResponseRetried);

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));

        Assert.That(ex!.Status, Is.EqualTo(409), "the retry of an insert that was applied conflicts with it");
    }

    [Test]
    public async Task Faults_Timeout_FailsTheCallAfterTheSdkRetries()
    {
        faults.Fail(StorageFaults.Table("Limits", "insert"), InjectedFault.Timeout);

        await Assert.CatchAsync(() => table.AddEntityAsync(new TableEntity("p", "r")));

        Assert.That(faults.Seen, Is.GreaterThan(1), "the SDK retried the timed-out request");
    }

    [Test]
    public async Task Faults_Gate_HoldsTheRequestUntilReleased()
    {
        var gate = faults.Hold(StorageFaults.Table("Limits", "insert"));

        var insert = table.AddEntityAsync(new TableEntity("p", "r"));
        await gate.Reached;
        var countWhileHeld = await table.QueryAsync<TableEntity>().CountAsync();
        gate.Release();
        await insert;

        Assert.That(countWhileHeld, Is.Zero);
        Assert.That(await table.QueryAsync<TableEntity>().CountAsync(), Is.EqualTo(1));
    }
}
