using System.Reflection;
using Azure.Data.Tables;
using Trax.Clicks;
using Trax.Conversions;
using Trax.Forwards;
using Trax.Links;
using Trax.PostbackLog;
using Trax.Reconciliation;
using Trax.Storage;

namespace Trax.Tests.Integration;

/// <summary>
/// The columns each entity class writes, as Azurite stores them through the SDK's own serialisation: every property
/// filled, the row stored, read back untyped. Pins the stored layout of every table so a change to how the entity
/// classes are declared (a shared base, a moved member) cannot add, drop or rename a column unnoticed.
/// </summary>
[Category("Integration")]
public sealed class EntityColumnsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 15, 0, 0, TimeSpan.Zero);

    private TableClient table = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        table = new TableServiceClient((await AzuriteServer.SharedAsync()).ConnectionString).GetTableClient("Columns" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateAsync();
    }

    [TearDown]
    public async Task TearDownAsync() => await table.DeleteAsync();

    public static IEnumerable<TestCaseData> Entities()
    {
        yield return Case<ClickEntity>("AttributionWindowDays,Campaign,ClickId,ClickedAt,Cost,CostCurrency,IpHash,IpPrefix,LinkId,Network,Program,Source,Sub1,Sub2,Sub3,Sub4,Sub5,UserAgent,Via,Warnings");
        yield return Case<ClickDayEntity>("Campaign,ClickId,ClickedAt,Cost,CostCurrency,LinkId,Network,Program,Source,Sub1,Sub2,Sub3,Sub4,Sub5");
        yield return Case<ConversionEntity>("AttributionWindowDays,Campaign,ClickId,ClickNetwork,ClickProgram,ClickedAt,ClientIp,Currency,CurrencyBy,CurrentCurrency,CurrentPayout,CurrentStatus,CurrentStatusRaw,ForwardedFor,LinkId,Method,MoneyBy,Network,Orphan,OutsideWindow,Payout,PostbackId,ProcessedAt,Program,RawBody,RawQuery,ReattributedAt,ReceivedAt,SecondsToConvert,Source,Status,StatusBy,Sub1,Sub2,Sub3,Sub4,Sub5,TxId,Type,UserAgent,Version,Warnings");
        yield return Case<HistoryEntity>("ConversionKey,Currency,FromCurrency,FromCurrencyBy,FromMoneyBy,FromPayout,FromStatus,FromStatusBy,FromStatusRaw,FromVersion,HasMoney,Method,Network,Outcome,Payout,PostbackId,ProcessedAt,ReceivedAt,Status,StatusRaw,ToCurrency,ToCurrencyBy,ToMoneyBy,ToPayout,ToStatus,ToStatusBy,ToStatusRaw,ToVersion,UploadFile,UploadLine");
        yield return Case<ForwardEntity>("Attribution,Body,BodyFormat,Campaigns,CreatedAt,Enabled,Links,Method,Networks,Statuses,TimeoutSeconds,Types,UpdatedAt,Url,Version");
        yield return Case<ForwardDeliveryEntity>("At,Attempt,ConversionId,DurationMs,Error,ForwardId,HttpStatus,JobId,Method,NextAttemptAt,Outcome,Replay,Status,Url");
        yield return Case<ForwardJobEntity>("Attempt,ClaimedAt,ConversionId,Copy,ForwardId,LastResult,Status,UpdatedAt");
        yield return Case<LinkEntity>("AttributionWindowDays,Campaign,CreatedAt,Destination,Enabled,Network,Program,UpdatedAt");
        yield return Case<DayIndexEntity>("Attribution,Campaign,ClickId,ConversionKey,Currency,CurrencyBy,Day,MoneyBy,Network,Payout,PostbackId,Program,ReceivedAt,Status,StatusBy,Type,Version");
        yield return Case<PostbackLogEntity>("Body,ClickId,ClientIp,ConversionKey,Currency,DuplicateOf,ForwardedFor,FromCurrency,FromPayout,FromStatus,HttpStatus,Method,Network,Outcome,Payout,PostbackId,ProcessedAt,Program,Query,QueryTruncated,Reason,ReceivedAt,Status,ToCurrency,ToPayout,ToStatus,TxId,Type,UserAgent,Warnings");
        yield return Case<ReconciliationEntity>("Category,Json");
    }

    [TestCaseSource(nameof(Entities))]
    public async Task Store_EveryPropertyFilled_WritesExactlyTheseColumnsAndReadsBack(Type type, string columns)
    {
        var stored = (string)await (Task<string>)typeof(EntityColumnsTests)
            .GetMethod(nameof(StoredColumnsAsync), BindingFlags.NonPublic | BindingFlags.Instance)!
            .MakeGenericMethod(type).Invoke(this, [])!;

        Assert.That(stored, Is.EqualTo(columns));
    }

    [Test]
    public void New_TablesWithOneRowKind_StartWithThatRowKey()
    {
        Assert.That(new LinkEntity().RowKey, Is.EqualTo(Keys.LinkRow));
        Assert.That(new ForwardEntity().RowKey, Is.EqualTo(ForwardKeys.ForwardRow));
        Assert.That(new ForwardJobEntity().RowKey, Is.EqualTo(ForwardKeys.ForwardJobRow));
        Assert.That(new ClickEntity().RowKey, Is.EqualTo(Keys.ClickRow));
        Assert.That(new ConversionEntity().RowKey, Is.Empty);
    }

    private static TestCaseData Case<T>(string columns) => new TestCaseData(typeof(T), columns).SetArgDisplayNames(typeof(T).Name);

    private async Task<string> StoredColumnsAsync<T>()
        where T : class, ITableEntity, new()
    {
        var entity = new T { PartitionKey = "p", RowKey = "r" };
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            if (property.Name is nameof(ITableEntity.PartitionKey) or nameof(ITableEntity.RowKey) or nameof(ITableEntity.Timestamp) or nameof(ITableEntity.ETag))
            {
                continue;
            }

            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            property.SetValue(entity, type switch
            {
                _ when type == typeof(string) => "x",
                _ when type == typeof(int) => 1,
                _ when type == typeof(long) => 1L,
                _ when type == typeof(bool) => true,
                _ when type == typeof(DateTimeOffset) => At,
                _ => throw new AssertionException($"{typeof(T).Name}.{property.Name}: no sample value for {type.Name}"),
            });
        }

        await table.AddEntityAsync(entity);
        var typed = (await table.GetEntityAsync<T>("p", "r")).Value;
        var row = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        Assert.That(typed.Timestamp, Is.Not.Null, "the service's timestamp reads back");
        Assert.That(typed.ETag.ToString(), Is.Not.Empty, "the service's ETag reads back");
        return string.Join(",", row.Keys.Where(k => k is not ("odata.etag" or "PartitionKey" or "RowKey" or "Timestamp")).Order(StringComparer.Ordinal));
    }
}
