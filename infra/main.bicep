// Trax on Azure: `azd up` deploys this template (subscription scope: it creates the resource group too).
// Layout and naming follow Azure-Samples/functions-quickstart-dotnet-azd (resourceToken, abbreviations.json,
// azd-env-name tag, user-assigned identity, no shared keys). Every resource is a plain `resource` declaration:
// the quickstart's Azure Verified Modules come from the public Bicep registry (br/public:avm/...), which CI
// machines here cannot reach, and a template that compiles offline is one that CI can check.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; used for the resource group name and the unique resource token.')
param environmentName string

@minLength(1)
@description('Region for every resource. It must offer Flex Consumption (for example westeurope, northeurope, swedencentral, eastus, eastus2).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Resource group name; empty means rg-<environmentName>.')
param resourceGroupName string = ''

@description('Object id of a user who also gets data access to the storage account (azd sets the signed-in user); empty for none.')
param principalId string = ''

@description('Memory of each Flex Consumption instance, in MB. 2048 is the default size; 512 is cheaper for light traffic.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances Flex Consumption may scale out to. It also caps what a flood of postbacks can cost.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Address that receives the alerts; empty creates the action group without a receiver.')
param alertEmail string = ''

@description('Alert when no postback was accepted for this many hours (a network that went silent).')
@minValue(1)
@maxValue(24)
param silentHours int = 6

@description('Alert when more than this percentage of HTTP requests answer 5xx (503: storage unreachable).')
@minValue(1)
@maxValue(100)
param maxServerErrorPercent int = 5

@description('Alert when more than this percentage of postbacks are rejected (a network changed its template).')
@minValue(1)
@maxValue(100)
param maxRejectedPercent int = 20

@description('Alert when the oldest queued postback has waited this many minutes (the processor stalled).')
@minValue(2)
@maxValue(1440)
param maxQueueAgeMinutes int = 10

@description('Put Entra ID sign-in (App Service Authentication) in front of /console. Off by default: the console page holds no data and its APIs need a function key either way.')
param consoleSignIn bool = false

@description('Application (client) id of the Entra ID app registration for console sign-in (docs/console.md); required when consoleSignIn is true.')
param consoleSignInClientId string = ''

var abbrs = loadJsonContent('./abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}

// The one place that names Trax's storage. The storage module creates exactly these, and the app settings hand
// the same names to the app (Trax__QueueName, Trax__<Key>Table), so the template and the code cannot drift.
// Add a table here and both follow.
var trax = {
  queueName: 'postbacks'
  forwardQueueName: 'forwards'
  tables: {
    Conversions: 'Conversions'
    Clicks: 'Clicks'
    Links: 'Links'
    PostbackLog: 'PostbackLog'
    Forwards: 'Forwards'
    ForwardJobs: 'ForwardJobs'
    ForwardDeliveries: 'ForwardDeliveries'
    Rates: 'Rates'
    Reconciliations: 'Reconciliations'
    Traffic: 'Traffic'
  }
}

// The Functions host moves a message that failed maxDequeueCount times to '<queue>-poison'; the forward deliverer
// also moves jobs that ran out of retries to forwards-poison.
var queueNames = [
  trax.queueName
  '${trax.queueName}-poison'
  trax.forwardQueueName
  '${trax.forwardQueueName}-poison'
]

var traxAppSettings = union(
  {
    Trax__QueueName: trax.queueName
    Trax__ForwardQueueName: trax.forwardQueueName
    // Forwards never call private, loopback or metadata addresses from Azure (SSRF).
    Trax__Forwarding__AllowPrivateDestinations: 'false'
    // Infra creates the queues and tables; the app does not need (or get) the right to create them.
    Trax__CreateStorageResources: 'false'
  },
  toObject(items(trax.tables), table => 'Trax__${table.key}Table', table => table.value)
)

var functionAppName = '${abbrs.webSitesFunctions}api-${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(toLower(uniqueString(functionAppName, resourceToken)), 7)}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    queueNames: queueNames
    tableNames: map(items(trax.tables), table => table.value)
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    identityPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    appSettings: traxAppSettings
    consoleSignIn: consoleSignIn
    consoleSignInClientId: consoleSignInClientId
  }
  // The app starts reading queues and tables as soon as it exists: give its identity the roles first.
  dependsOn: [
    rbac
  ]
}

module alerts 'app/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    namePrefix: 'trax-${resourceToken}'
    actionGroupName: '${abbrs.insightsActionGroups}${resourceToken}'
    location: location
    tags: tags
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    alertEmail: alertEmail
    queueName: trax.queueName
    forwardQueueName: trax.forwardQueueName
    silentHours: silentHours
    maxServerErrorPercent: maxServerErrorPercent
    maxRejectedPercent: maxRejectedPercent
    maxQueueAgeMinutes: maxQueueAgeMinutes
  }
}

// azd reads these outputs into the environment (.azure/<env>/.env).
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_NAME string = api.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output TRAX_WORKBOOK_ID string = alerts.outputs.workbookId
