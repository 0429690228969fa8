// The function app: the published custom handler (./publish.sh) on a Flex Consumption plan.
// It reaches storage, Key Vault and Application Insights with its user-assigned identity.
param name string
param planName string
param location string
param tags object = {}

@description('Resource id of the user-assigned identity.')
param identityId string

@description('Client id of the user-assigned identity; DefaultAzureCredential and the host pick it by this.')
param identityClientId string

param storageAccountName string
param deploymentContainerName string
param applicationInsightsName string

@description('Versionless URI of the SendGrid key secret in Key Vault.')
param sendGridApiKeySecretUri string

param emailFromAddress string
param coordinatorEmail string

@description('The public site address (the Static Web App), for links in mail and the Origin check.')
param publicBaseUrl string

param instanceMemoryMB int = 2048
param maximumInstanceCount int = 40

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
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
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
    keyVaultReferenceIdentity: identityId
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
      // The app is one self-contained executable that the host starts (host.json customHandler).
      runtime: {
        name: 'custom'
        version: '1.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: [
        // The Functions host's own storage (timer schedules and locks), with the identity.
        {
          name: 'AzureWebJobsStorage__accountName'
          value: storage.name
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: identityClientId
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: applicationInsights.properties.ConnectionString
        }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identityClientId};Authorization=AAD'
        }
        // The app's settings (Section__Key), bound to its options classes.
        {
          name: 'Storage__BlobServiceUri'
          value: storage.properties.primaryEndpoints.blob
        }
        {
          name: 'Storage__TableServiceUri'
          value: storage.properties.primaryEndpoints.table
        }
        {
          name: 'Storage__ManagedIdentityClientId'
          value: identityClientId
        }
        {
          name: 'Email__SendGridApiKey'
          value: '@Microsoft.KeyVault(SecretUri=${sendGridApiKeySecretUri})'
        }
        {
          name: 'Email__FromAddress'
          value: emailFromAddress
        }
        {
          name: 'Accounts__CoordinatorEmails__0'
          value: coordinatorEmail
        }
        {
          name: 'Site__PublicBaseUrl'
          value: publicBaseUrl
        }
      ]
    }
  }
}

output name string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
