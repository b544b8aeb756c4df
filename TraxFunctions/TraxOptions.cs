using System.ComponentModel.DataAnnotations;

namespace Trax;

/// <summary>Settings under the <c>Trax</c> section (<c>Trax__QueueName</c> as an app setting).</summary>
public sealed class TraxOptions
{
    public const string Section = "Trax";

    /// <summary>
    /// Queue between the HTTP functions and the processor. The queue trigger reads the same setting through the
    /// binding expression <see cref="QueueNameExpression"/>; the host moves failed messages to <c>{name}-poison</c>.
    /// </summary>
    [RegularExpression("^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "Trax:QueueName must be a valid storage queue name.")]
    public string QueueName { get; set; } = "postbacks";

    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Trax:ConversionsTable must be a valid table name.")]
    public string ConversionsTable { get; set; } = "Conversions";

    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Trax:ClicksTable must be a valid table name.")]
    public string ClicksTable { get; set; } = "Clicks";

    /// <summary>Every postback received and its outcome, plus the per-day conversion index the reports read.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Trax:PostbackLogTable must be a valid table name.")]
    public string PostbackLogTable { get; set; } = "PostbackLog";

    /// <summary>
    /// Days a postback's log row is kept (counted in whole UTC days before today). The conversion index rows that
    /// reports read are kept: a report may look back further than the log.
    /// </summary>
    [Range(1, 3650)]
    public int PostbackLogRetentionDays { get; set; } = 30;

    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Trax:LinksTable must be a valid table name.")]
    public string LinksTable { get; set; } = "Links";

    /// <summary>
    /// Secret for the keyed hash (HMAC-SHA256) of a visitor's IP address stored with a click. Empty: no hash, the
    /// click keeps only the truncated address (IPv4 /24, IPv6 /48). Set it from Key Vault, never in source.
    /// </summary>
    [RegularExpression("^.{32,}$", ErrorMessage = "Trax:IpHashKey must be empty or at least 32 characters long.")]
    public string IpHashKey { get; set; } = "";

    /// <summary>
    /// How long the redirect trusts a link it read before reading it again. A link it once read is also used,
    /// however old, while storage is unreachable, so that visitors are still redirected.
    /// </summary>
    [Range(0, 3600)]
    public int LinkCacheSeconds { get; set; } = 30;

    /// <summary>
    /// Time budget of one redirect's storage calls together (the link read, the click's insert and count): past it
    /// the visitor is redirected anyway (and the click counted as lost) rather than kept waiting on the SDK's retries.
    /// </summary>
    [Range(100, 30000)]
    public int RedirectStorageTimeoutMilliseconds { get; set; } = 2000;

    /// <summary>Create queues and tables at start-up (Azurite); harmless in Azure where infra made them.</summary>
    public bool CreateStorageResources { get; set; } = true;

    /// <summary>
    /// Hours within which a network's postback that says the same as its previous one for a conversion (status as
    /// sent, payout, currency) is that postback sent again, counted as received when it was first sent, so that a
    /// retry of an old pending never overrules the chargeback that came in between. Later, the same words are the
    /// network's again (docs/lifecycle.md). Receipt times are compared to the minute; 0: only within the same minute.
    /// </summary>
    [Range(0, 8784)]
    public int ResendWindowHours { get; set; } = 168;

    /// <summary>Seconds a network is asked to wait (<c>Retry-After</c>) when storage is unreachable.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 30;

    /// <summary>
    /// Where the caller's address comes from. Empty (the default): the connection's address, which on Azure the worker
    /// takes from the Functions host's <c>X-Forwarded-For</c> (set, not appended, by the host). Behind a proxy such as
    /// Azure Front Door, the header that proxy writes, e.g. <c>X-Azure-ClientIP</c>; only safe when the app accepts
    /// traffic from that proxy alone (docs/security.md).
    /// </summary>
    [RegularExpression("^[A-Za-z0-9-]{0,64}$", ErrorMessage = "Trax:ClientAddressHeader must be empty or a header name.")]
    public string ClientAddressHeader { get; set; } = "";

    /// <summary>Binding expression the host resolves from the app setting <c>Trax__QueueName</c>.</summary>
    public const string QueueNameExpression = "%Trax:QueueName%";

    /// <summary>The outbox of forward jobs between the processor and the deliverer; failed jobs go to <c>{name}-poison</c>.</summary>
    [RegularExpression("^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "Trax:ForwardQueueName must be a valid storage queue name.")]
    public string ForwardQueueName { get; set; } = "forwards";

    public const string ForwardQueueNameExpression = "%Trax:ForwardQueueName%";

    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Trax:ForwardsTable must be a valid table name.")]
    public string ForwardsTable { get; set; } = "Forwards";

    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Trax:ForwardJobsTable must be a valid table name.")]
    public string ForwardJobsTable { get; set; } = "ForwardJobs";

    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Trax:ForwardDeliveriesTable must be a valid table name.")]
    public string ForwardDeliveriesTable { get; set; } = "ForwardDeliveries";

    /// <summary>Exchange rates per day (docs/currency.md): put by operators, fetched by the rates timer.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Trax:RatesTable must be a valid table name.")]
    public string RatesTable { get; set; } = "Rates";

    /// <summary>Reconciliations of networks' exports: each run's summary and rows, and each network's last mapping.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Trax:ReconciliationsTable must be a valid table name.")]
    public string ReconciliationsTable { get; set; } = "Reconciliations";
    /// <summary>Clicks by day (one row per stored click, hour markers and rollups) and uploaded costs, for the traffic report.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Trax:TrafficTable must be a valid table name.")]
    public string TrafficTable { get; set; } = "Traffic";
}
