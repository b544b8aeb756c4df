using System.Globalization;
using System.Text;
using Trax.Reconciliation;

namespace Trax.Tests.Integration;

/// <summary>A reconciliation whose writes fail: the caller's 503 means no run was stored, and the retry is the one run.</summary>
public sealed partial class ReconciliationTests
{
    // A storage fault after some of a run's writes and before its summary is visible: the caller is told 503 and nothing
    // of the failed run stays (a summary whose answer was lost would be a run the caller never heard of; rows without a
    // summary are reached by nothing); the retry is one complete run.
    [TestCase("upsert (replace)", InjectedFault.ServerBusy)]
    [TestCase("upsert (replace)", InjectedFault.LostResponse)]
    [TestCase("transaction", InjectedFault.ServerBusy)]
    public async Task Reconcile_StorageFailsBeforeTheRunIsComplete_Answers503KeepsNothingOfTheRunAndTheRetryIsComplete(string operation, InjectedFault fault)
    {
        var csv = new StringBuilder("clickid,type,txid,status,payout,currency,time\r\n");
        for (var i = 0; i < 250; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"c-{i},ftd,,approved,100,EUR,2026-11-10 08:00:00\r\n");
        }

        // The rows are 3 transactions: the last one fails, after the other two were written. The summary is the run's
        // one upsert (in its partition, r-{id}; the mapping's is in another).
        var (matches, seen) = (StorageFaults.Table("Reconciliations", operation), 0);
        if (operation == "transaction")
        {
            trax.Faults.Fail(r => matches(r) && ++seen == 3, fault);
        }
        else
        {
            trax.Faults.FailPartition("Reconciliations", operation, "r-", fault);
        }

        var failed = await ReconcileAsync(csv.ToString());

        Assert.That(failed.StatusCode, Is.EqualTo(503), failed.Text);
        Assert.That(trax.Faults.Injected, Has.Count.EqualTo(1));
        Assert.That(await RunPartitionsAsync(), Is.Empty, "nothing of the failed run is left (the network's mapping may be)");

        var retry = await ReconcileAsync(csv.ToString());

        Assert.That(retry.StatusCode, Is.EqualTo(201), retry.Text);
        var id = retry.Field("id")!;
        Assert.That(retry.Body!.Value.GetProperty("exportRows").GetInt32(), Is.EqualTo(250));
        var rows = await AllRowsAsync(id, 1000);
        Assert.That(rows.Select(r => r.Line), Is.EqualTo(Enumerable.Range(2, 250).Select(l => (long?)l)));
        var stored = await trax.Reconciliations.QueryAsync<Azure.Data.Tables.TableEntity>().Select(e => e.PartitionKey).ToListAsync();
        Assert.That(stored.Where(p => p != "mapping").Distinct(), Is.EqualTo(new[] { "r-" + id }), "the retry's run is the only one stored");
        Assert.That(stored.Count(p => p == "r-" + id), Is.EqualTo(251), "its 250 rows and its summary");
    }

    // The network's mapping is written by the same request as the run. Written after the summary, its failure answered
    // 503 for a run that was stored complete, and the retry made a second one: a 503 must leave nothing of the run.
    [TestCase(InjectedFault.ServerBusy)]
    [TestCase(InjectedFault.LostResponse)]
    public async Task Reconcile_MappingWriteFails_Answers503WithNothingOfTheRunStoredAndTheRetryIsTheOnlyRun(InjectedFault fault)
    {
        const string Csv = "clickid,type,txid,status,payout,currency,time\r\nc-1,ftd,,approved,100,EUR,2026-11-10 08:00:00\r\n";
        trax.Faults.FailPartition("Reconciliations", "upsert (replace)", ReconciliationKeys.MappingPartition, fault);

        var failed = await ReconcileAsync(Csv);

        Assert.That(failed.StatusCode, Is.EqualTo(503), failed.Text);
        Assert.That(trax.Faults.Injected, Has.Count.EqualTo(1));
        Assert.That(await RunPartitionsAsync(), Is.Empty, "a 503 leaves nothing of the run");

        var retry = await ReconcileAsync(Csv);

        Assert.That(retry.StatusCode, Is.EqualTo(201), retry.Text);
        Assert.That(await RunPartitionsAsync(), Is.EqualTo(new[] { "r-" + retry.Field("id") }), "the retry's run is the only one");
        var remembered = await trax.Reconciliations.QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == ReconciliationKeys.MappingPartition).ToListAsync();
        Assert.That(remembered, Has.Count.EqualTo(1), "the network's mapping is remembered");
    }

    private async Task<List<string>> RunPartitionsAsync() =>
        await trax.Reconciliations.QueryAsync<Azure.Data.Tables.TableEntity>()
            .Select(e => e.PartitionKey).Where(p => p != ReconciliationKeys.MappingPartition).Distinct().ToListAsync();
}
