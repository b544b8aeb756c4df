using System.Reflection;
using System.Text.Json.Nodes;
using Trax.Postbacks;

namespace Trax.Tests.Infra;

/// <summary>
/// The Bicep templates as the real Bicep CLI compiles them (ARM JSON) and as they would deploy (the snapshot of
/// infra/ci.bicepparam): the security properties, the Flex Consumption app, identity-only storage, the roles, and
/// the settings contract between the template and the code.
/// </summary>
public sealed partial class InfraTemplateTests
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    private static CompiledInfra Infra => CompiledInfra.Current;

    private static JsonObject Storage => Infra.Single("Microsoft.Storage/storageAccounts");

    private static JsonObject FunctionApp => Infra.Single("Microsoft.Web/sites");

    private static JsonObject Identity => Infra.Single("Microsoft.ManagedIdentity/userAssignedIdentities");

    private static JsonObject ApplicationInsights => Infra.Single("Microsoft.Insights/components");

    [Test]
    public void Template_Compiled_IsSubscriptionScopedAndTakesTheAzdParameters()
    {
        var template = Infra.Template;
        var parameters = template["parameters"]!.AsObject();
        var azdParameters = JsonNode.Parse(File.ReadAllText(RepoPaths.File("infra", "main.parameters.json")))!["parameters"]!.AsObject();

        Assert.That((string?)template["$schema"], Does.Contain("subscriptionDeploymentTemplate"));
        Assert.That(azdParameters.Select(p => p.Key), Is.SubsetOf(parameters.Select(p => p.Key)), "main.parameters.json names only template parameters");
        Assert.That(parameters["environmentName"]!["defaultValue"], Is.Null, "azd must pass the environment");
        Assert.That(parameters["location"]!["defaultValue"], Is.Null, "azd must pass the location");
        Assert.That(parameters["instanceMemoryMB"]!["allowedValues"]!.AsArray().Select(v => (int)v!), Is.EquivalentTo(new[] { 512, 2048, 4096 }));
        Assert.That((int)parameters["maximumInstanceCount"]!["minValue"]!, Is.EqualTo(40));
        Assert.That((int)parameters["maximumInstanceCount"]!["maxValue"]!, Is.EqualTo(1000));
        Assert.That(parameters.ContainsKey("alertEmail"), Is.True);
    }

    [Test]
    public void Template_Anywhere_NeverReadsOrPassesAKey()
    {
        var text = File.ReadAllText(CompiledInfra.TemplateFile);

        foreach (var secret in new[] { "listKeys", "AccountKey", "SharedAccessSignature", "InstrumentationKey", "listCredentials" })
        {
            Assert.That(text, Does.Not.Contain(secret).IgnoreCase, secret);
        }
    }

    [Test]
    public void Storage_Account_AllowsIdentityOnlyOverTls12()
    {
        var properties = Storage["properties"]!;

        Assert.That((bool?)properties["allowSharedKeyAccess"], Is.False, "shared keys off");
        Assert.That((bool?)properties["allowBlobPublicAccess"], Is.False);
        Assert.That((bool?)properties["defaultToOAuthAuthentication"], Is.True);
        Assert.That((string?)properties["minimumTlsVersion"], Is.EqualTo("TLS1_2"));
        Assert.That((bool?)properties["supportsHttpsTrafficOnly"], Is.True);
        Assert.That((string?)Storage["tags"]!["azd-env-name"], Is.EqualTo("trax-ci"));
    }

    [Test]
    public void Storage_Queues_AreThePostbackAndForwardQueuesAndTheirPoisonQueues()
    {
        var options = new TraxOptions();
        var queueName = options.QueueName;
        var forwards = options.ForwardQueueName;

        Assert.That(Infra.ChildNames("Microsoft.Storage/storageAccounts/queueServices/queues"),
            Is.EquivalentTo(new[] { queueName, PostbackQueue.PoisonQueueName(queueName), forwards, PostbackQueue.PoisonQueueName(forwards) }));
        Assert.That((string?)Infra.AppSettings["Trax__QueueName"], Is.EqualTo(queueName));
        Assert.That((string?)Infra.AppSettings["Trax__ForwardQueueName"], Is.EqualTo(forwards));
    }

    [Test]
    public void Forwarding_InAzure_RefusesPrivateDestinations()
    {
        // Tests and local runs allow loopback receivers; a deployed app must never reach its own network.
        Assert.That((string?)Infra.AppSettings["Trax__Forwarding__AllowPrivateDestinations"], Is.EqualTo("false"));
    }

    [Test]
    public void Storage_Tables_AreEveryTableTheAppIsConfiguredWith()
    {
        var created = Infra.ChildNames("Microsoft.Storage/storageAccounts/tableServices/tables").ToList();
        var settings = Infra.AppSettings;
        var tableOptions = typeof(TraxOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name.EndsWith("Table", StringComparison.Ordinal))
            .ToList();

        Assert.That(created, Is.SupersetOf(new[] { "Conversions", "Clicks", "Links", "PostbackLog" }));
        Assert.That(tableOptions.Select(p => p.Name), Is.SupersetOf(new[] { nameof(TraxOptions.ConversionsTable), nameof(TraxOptions.ClicksTable) }));
        foreach (var option in tableOptions)
        {
            var key = $"{TraxOptions.Section}__{option.Name}";
            Assert.That(settings.ContainsKey(key), Is.True, $"{key} is an app setting");
            Assert.That(created, Does.Contain((string?)settings[key]), $"the table {key} names is created");
            Assert.That((string?)settings[key], Is.EqualTo(option.GetValue(new TraxOptions())), $"{key} matches the code's default");
        }

        foreach (var table in created)
        {
            Assert.That((string?)settings[$"{TraxOptions.Section}__{table}Table"], Is.EqualTo(table), $"the app is told about table {table}");
        }
    }

    [Test]
    public void FunctionApp_Site_IsHttpsOnlyTls12WithoutFtpOrBasicAuth()
    {
        var properties = FunctionApp["properties"]!;
        var policies = Infra.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();

        Assert.That((bool?)properties["httpsOnly"], Is.True);
        Assert.That((string?)properties["siteConfig"]!["minTlsVersion"], Is.EqualTo("1.2"));
        Assert.That((string?)properties["siteConfig"]!["ftpsState"], Is.EqualTo("Disabled"));
        Assert.That(policies.Select(p => ((string)p["name"]!).Split('/')[^1]), Is.EquivalentTo(new[] { "ftp", "scm" }));
        Assert.That(policies.Select(p => (bool?)p["properties"]!["allow"]), Is.All.False);
    }

    [Test]
    public void FunctionApp_Plan_IsFlexConsumptionRunningDotnetIsolated10()
    {
        var plan = Infra.Single("Microsoft.Web/serverfarms");
        var config = FunctionApp["properties"]!["functionAppConfig"]!;

        Assert.That((string?)plan["sku"]!["name"], Is.EqualTo("FC1"));
        Assert.That((string?)plan["sku"]!["tier"], Is.EqualTo("FlexConsumption"));
        Assert.That((string?)FunctionApp["properties"]!["serverFarmId"], Is.EqualTo((string?)plan["id"]));
        Assert.That((string?)config["runtime"]!["name"], Is.EqualTo("dotnet-isolated"));
        Assert.That((string?)config["runtime"]!["version"], Is.EqualTo("10.0"));
        Assert.That((int?)config["scaleAndConcurrency"]!["instanceMemoryMB"], Is.EqualTo(2048));
        Assert.That((int?)config["scaleAndConcurrency"]!["maximumInstanceCount"], Is.EqualTo(100));
        Assert.That(Infra.AppSettings.Select(s => s.Key), Has.None.EqualTo("FUNCTIONS_WORKER_RUNTIME").And.None.EqualTo("FUNCTIONS_EXTENSION_VERSION"),
            "Flex Consumption refuses them");
    }

    [Test]
    public void FunctionApp_DeploymentPackage_IsACreatedBlobContainerReadWithTheIdentity()
    {
        var storage = FunctionApp["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;
        var container = Infra.ChildNames("Microsoft.Storage/storageAccounts/blobServices/containers").Single();

        Assert.That((string?)storage["type"], Is.EqualTo("blobContainer"));
        Assert.That((string?)storage["value"], Does.Contain((string)Storage["id"]!).And.Contain("primaryEndpoints.blob").And.Contain(container));
        Assert.That((string?)storage["authentication"]!["type"], Is.EqualTo("UserAssignedIdentity"));
        Assert.That((string?)storage["authentication"]!["userAssignedIdentityResourceId"], Is.EqualTo((string?)Identity["id"]));
    }

    [Test]
    public void FunctionApp_Identity_IsTheUserAssignedIdentityAndAzdFindsTheApp()
    {
        var identities = FunctionApp["identity"]!;
        var azure = PipelineYaml.Load(RepoPaths.File("azure.yaml"));

        Assert.That((string?)identities["type"], Is.EqualTo("UserAssigned"));
        Assert.That(identities["userAssignedIdentities"]!.AsObject().Select(i => i.Key), Is.EqualTo(new[] { (string)Identity["id"]! }));
        Assert.That((string?)FunctionApp["tags"]!["azd-service-name"], Is.EqualTo("api"));
        Assert.That(azure.Map("services").Children.Keys.Select(k => k.ToString()), Does.Contain("api"));
    }

    [TestCase(StorageBlobDataOwner, "Microsoft.Storage/storageAccounts")]
    [TestCase(StorageQueueDataContributor, "Microsoft.Storage/storageAccounts")]
    [TestCase(StorageTableDataContributor, "Microsoft.Storage/storageAccounts")]
    [TestCase(MonitoringMetricsPublisher, "Microsoft.Insights/components")]
    public void Rbac_AppIdentity_HoldsTheRoleOnItsResource(string role, string scopeType)
    {
        var scope = (string)Infra.Single(scopeType)["id"]!;

        var assignment = AppIdentityAssignments().SingleOrDefault(a => ((string)a["properties"]!["roleDefinitionId"]!).EndsWith("/" + role, StringComparison.Ordinal));

        Assert.That(assignment, Is.Not.Null, $"role {role} is assigned to the app's identity");
        Assert.That((string?)assignment!["properties"]!["principalType"], Is.EqualTo("ServicePrincipal"));
        Assert.That((string?)assignment["id"], Does.StartWith($"[extensionResourceId('{scope}', 'Microsoft.Authorization/roleAssignments'"), "scoped to that one resource");
        Assert.That((string?)assignment["name"], Does.StartWith($"[guid('{scope}', ").And.Contain(role), "named guid(scope, principal, role)");
    }

    [Test]
    public void Rbac_AppIdentity_HoldsNothingElse()
    {
        var roles = AppIdentityAssignments().Select(a => ((string)a["properties"]!["roleDefinitionId"]!).Split('/')[^1]);

        Assert.That(roles, Is.EquivalentTo(new[] { StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor, MonitoringMetricsPublisher }));
    }

    [Test]
    public void Rbac_DeveloperPrincipal_GetsStorageDataRolesOnly()
    {
        var developer = Infra.OfType("Microsoft.Authorization/roleAssignments")
            .Where(a => (string?)a["properties"]!["principalId"] == "11111111-1111-1111-1111-111111111111")
            .Select(a => ((string)a["properties"]!["roleDefinitionId"]!).Split('/')[^1]);

        Assert.That(developer, Is.EquivalentTo(new[] { StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor }));
    }

    private static IEnumerable<JsonObject> AppIdentityAssignments() =>
        Infra.OfType("Microsoft.Authorization/roleAssignments")
            .Where(a => (string?)a["properties"]!["principalId"] == $"[reference('{Identity["id"]}', '2023-01-31').principalId]");
}
