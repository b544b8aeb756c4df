// The Trax function app on Flex Consumption (FC1): .NET 10 isolated worker, HTTPS only, TLS 1.2, no FTP, and
// every connection identity-based (the user-assigned identity's client id), so no setting holds a key.
param name string
param planName string
param location string
param tags object
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerName string
param applicationInsightsName string

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Trax settings (queue and table names) from main.bicep; merged into the app settings.')
param appSettings object

@description('Put Entra ID sign-in (App Service Authentication) in front of /console; the postback URLs, /go and the key-protected /api routes stay as they are.')
param consoleSignIn bool = false

@description('Application (client) id of the Entra ID app registration that signs operators in; required when consoleSignIn is true.')
param consoleSignInClientId string = ''

@description('The Entra ID tenant operators sign in with.')
param consoleSignInTenantId string = tenant().tenantId

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  // azd finds the resource to deploy the 'api' service of azure.yaml to by this tag.
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  // Flex Consumption takes the runtime from functionAppConfig: no FUNCTIONS_WORKER_RUNTIME or
  // FUNCTIONS_EXTENSION_VERSION here (the platform refuses them).
  resource settings 'config' = {
    name: 'appsettings'
    properties: union(appSettings, {
      // Identity-based AzureWebJobsStorage: the host (queue trigger, timers, leases) and Trax's own clients
      // (TraxFunctions/Storage/StorageConnection.cs) read these same settings.
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
      AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
      AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
      // The connection string only addresses the resource (local auth is off); ingestion authenticates as the
      // identity, for the host and the worker alike (TraxFunctions/Telemetry/TraxTelemetry.cs).
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    })
  }
}

// Entra ID sign-in in front of the console (docs/console.md, "Entra ID sign-in"). Every request must be signed in
// except the excluded paths: networks (/wp-json/...), visitors (/go/...) and API clients (/api/..., function keys)
// call without a browser session and must never be sent to a login page.
resource consoleAuth 'Microsoft.Web/sites/config@2024-04-01' = if (consoleSignIn) {
  parent: functionApp
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
      excludedPaths: [
        '/wp-json/*'
        '/go/*'
        '/api/*'
      ]
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: consoleSignInClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${consoleSignInTenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            consoleSignInClientId
            'api://${consoleSignInClientId}'
          ]
        }
      }
    }
    login: {
      // The console keeps no identity provider token: sign-in only decides who may load the page.
      tokenStore: {
        enabled: false
      }
    }
    httpSettings: {
      requireHttps: true
    }
  }
}

// Publishing with a user name and password (FTP, and basic auth on the deployment endpoint) is switched off:
// azd and the pipeline deploy with Entra ID.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = functionApp.name
output uri string = 'https://${functionApp.properties.defaultHostName}'
