using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Trax.PostbackLog;
using Trax.Storage;

namespace Trax.Tests.Support;

/// <summary>
/// A postback log writer over mocked tables (their members are virtual) that records the rows it is asked to
/// write: single rows, and the actions of each transaction.
/// </summary>
public sealed class RecordingLog
{
    public RecordingLog(Exception? failure = null, bool hang = false)
    {
        var add = Table.Setup(t => t.AddEntityAsync(It.IsAny<ITableEntity>(), It.IsAny<CancellationToken>()));
        if (hang)
        {
            // Never answers: only the caller's timeout (a cancellation) ends the call.
            add.Returns(async (ITableEntity _, CancellationToken ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return Mock.Of<Response>();
            });
        }
        else if (failure is not null)
        {
            add.ThrowsAsync(failure);
        }
        else
        {
            add.Callback((ITableEntity e, CancellationToken _) => Added.Add(e)).ReturnsAsync(Mock.Of<Response>());
        }

        Table.Setup(t => t.UpsertEntityAsync(It.IsAny<ITableEntity>(), It.IsAny<TableUpdateMode>(), It.IsAny<CancellationToken>()))
            .Callback((ITableEntity e, TableUpdateMode _, CancellationToken _) => Upserted.Add(e))
            .ReturnsAsync(Mock.Of<Response>());
        Table.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .Callback((IEnumerable<TableTransactionAction> actions, CancellationToken _) => Transactions.Add(actions.ToList()))
            .ReturnsAsync(Response.FromValue<IReadOnlyList<Response>>([], Mock.Of<Response>()));
    }

    public Mock<TableClient> Table { get; } = new();

    public List<ITableEntity> Added { get; } = [];

    public List<ITableEntity> Upserted { get; } = [];

    public List<List<TableTransactionAction>> Transactions { get; } = [];

    public PostbackLogWriter Writer(TableClient? conversions = null, TimeProvider? time = null) =>
        new(new TraxTables(conversions ?? new Mock<TableClient>().Object, new Mock<TableClient>().Object, Table.Object),
            time ?? TimeProvider.System, NullLogger<PostbackLogWriter>.Instance);
}
