using Azure;
using Azure.Data.Tables;
using Moq;

namespace Trax.Testing;

/// <summary>
/// A mocked <see cref="TableClient"/> (its members are virtual) that records the writes a store asks of it: single
/// inserts and upserts, and the actions of each transaction. Reads and failures are set up per test.
/// </summary>
public sealed class MockTable
{
    public MockTable()
    {
        Mock.SetupGet(t => t.Name).Returns("Mocked");
        Mock.Setup(t => t.AddEntityAsync(It.IsAny<ITableEntity>(), It.IsAny<CancellationToken>()))
            .Callback((ITableEntity e, CancellationToken _) => Added.Add(e))
            .ReturnsAsync(Moq.Mock.Of<Response>());
        Mock.Setup(t => t.UpsertEntityAsync(It.IsAny<ITableEntity>(), It.IsAny<TableUpdateMode>(), It.IsAny<CancellationToken>()))
            .Callback((ITableEntity e, TableUpdateMode _, CancellationToken _) => Upserted.Add(e))
            .ReturnsAsync(Moq.Mock.Of<Response>());
        Mock.Setup(t => t.UpdateEntityAsync(It.IsAny<ITableEntity>(), It.IsAny<ETag>(), It.IsAny<TableUpdateMode>(), It.IsAny<CancellationToken>()))
            .Callback((ITableEntity e, ETag _, TableUpdateMode _, CancellationToken _) => Updated.Add(e))
            .ReturnsAsync(Moq.Mock.Of<Response>());
        Mock.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .Callback((IEnumerable<TableTransactionAction> actions, CancellationToken _) => Transactions.Add([.. actions]))
            .ReturnsAsync(Response.FromValue<IReadOnlyList<Response>>([], Moq.Mock.Of<Response>()));
    }

    public Mock<TableClient> Mock { get; } = new();

    public TableClient Object => Mock.Object;

    public List<ITableEntity> Added { get; } = [];

    public List<ITableEntity> Upserted { get; } = [];

    public List<ITableEntity> Updated { get; } = [];

    public List<List<TableTransactionAction>> Transactions { get; } = [];

    /// <summary>Every point read of type <typeparamref name="T"/> finds <paramref name="entity"/> (null: nothing there).</summary>
    public void PointReadReturns<T>(T? entity) where T : class, ITableEntity =>
        Mock.Setup(t => t.GetEntityIfExistsAsync<T>(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<IEnumerable<string>?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new PointRead<T>(entity));

    /// <summary>Every insert answers 409: something is stored under that key already.</summary>
    public void InsertConflicts() =>
        Mock.Setup(t => t.AddEntityAsync(It.IsAny<ITableEntity>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(409, "The specified entity already exists.", "EntityAlreadyExists", null));

    /// <summary>Every transaction answers 409 on its first action: the entity it adds is stored already.</summary>
    public void TransactionsConflict() =>
        Mock.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TableTransactionFailedException(
                new RequestFailedException(409, "The specified entity already exists.", "EntityAlreadyExists", null)));

    /// <summary>Every untyped query answers <paramref name="rows"/>, as the table would return them.</summary>
    public void QueryReturns(params ITableEntity[] rows)
    {
        var page = Page<TableEntity>.FromValues([.. rows.Select(Untyped)], null, Moq.Mock.Of<Response>());
        Mock.Setup(t => t.QueryAsync<TableEntity>(It.IsAny<string>(), It.IsAny<int?>(), It.IsAny<IEnumerable<string>?>(), It.IsAny<CancellationToken>()))
            .Returns(AsyncPageable<TableEntity>.FromPages([page]));
    }

    /// <summary>Every typed query of <typeparamref name="T"/> answers <paramref name="rows"/> (none: an empty table).</summary>
    public void TypedQueryReturns<T>(params T[] rows) where T : class, ITableEntity =>
        Mock.Setup(t => t.QueryAsync<T>(It.IsAny<string>(), It.IsAny<int?>(), It.IsAny<IEnumerable<string>?>(), It.IsAny<CancellationToken>()))
            .Returns(AsyncPageable<T>.FromPages([Page<T>.FromValues(rows, null, Moq.Mock.Of<Response>())]));

    /// <summary>The entities added by single inserts and by transactions, in order.</summary>
    public IEnumerable<ITableEntity> AddedAnyWay =>
        Added.Concat(Transactions.SelectMany(t => t).Where(a => a.ActionType == TableTransactionActionType.Add).Select(a => a.Entity));

    private static TableEntity Untyped(ITableEntity entity)
    {
        var row = new TableEntity(entity.PartitionKey, entity.RowKey) { ETag = new ETag("W/\"1\"") };
        foreach (var property in entity.GetType().GetProperties())
        {
            if (property.Name is not (nameof(ITableEntity.PartitionKey) or nameof(ITableEntity.RowKey) or nameof(ITableEntity.Timestamp) or nameof(ITableEntity.ETag))
                && property.CanWrite && property.GetValue(entity) is { } value)
            {
                row[property.Name] = value;
            }
        }

        return row;
    }

    public static RequestFailedException ServerBusy() => new(503, "Server busy", "ServerBusy", null);

    // A written answer rather than a Moq proxy: proxying a response of the stores' internal entities would need the
    // product to open its internals to Moq's proxy assembly.
    private sealed class PointRead<T>(T? entity) : NullableResponse<T> where T : class
    {
        public override bool HasValue => entity is not null;

        public override T? Value => entity;

        public override Response GetRawResponse() => Moq.Mock.Of<Response>();
    }
}
