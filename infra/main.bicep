// Exchange on Azure: the function app (custom handler on Flex Consumption), the static site
// (Static Web Apps, /api linked to the function app), storage reached with a managed identity,
// the SendGrid key in Key Vault, and Application Insights. Deployed by `azd up`.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; used for the resource group and to derive unique resource names.')
param environmentName string

@minLength(1)
@description('Region for every resource except the Static Web App. It must offer Flex Consumption.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Static Web Apps exists in a few regions only; the site itself is served globally.')
@allowed(['westeurope', 'eastus2', 'centralus', 'westus2', 'eastasia'])
param staticWebAppLocation string = 'westeurope'

@minLength(3)
@description('E-mail address of the first coordinator (Accounts__CoordinatorEmails__0).')
param coordinatorEmail string

@description('Sender address for mail; it must be a verified sender in SendGrid. Empty: the coordinator address.')
param emailFromAddress string = ''

@secure()
@minLength(1)
@description('SendGrid API key; stored in Key Vault and read by the app through a Key Vault reference.')
param sendGridApiKey string

@description('Object id of the person running azd; given Key Vault Secrets Officer so they can rotate the SendGrid key. Empty: nobody.')
param principalId string = ''

@minValue(1)
@maxValue(1000)
@description('Upper bound on Flex Consumption instances.')
param maximumInstanceCount int = 40

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

// Every table and container the app uses (functions/Storage/StorageNames.cs); the app also
// creates them at start, and a test keeps this list in step with the code.
var storageTables = [
  'Organisations'
  'Users'
  'Tokens'
  'Sessions'
  'Practices'
  'Meta'
  'Materials'
  'MaterialText'
  'MaterialDownloads'
  'MaterialUploads'
  'Mobilities'
  'Essays'
  'Reminders'
  'ReminderLog'
  'ReminderFailures'
  'AuditLog'
  'Twinnings'
  'TwinningRegistrations'
  'TwinningServices'
  'PendingWork'
  'Comments'
  'CommentNotices'
  'DiscussionSettings'
  'Transfers'
  'Handbooks'
]
var storageContainers = [
  'outbox'
  'materials'
  'handbooks'
]
// Flex Consumption reads the deployed package from this container.
var deploymentContainer = 'app-package'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-api-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    tables: storageTables
    containers: concat(storageContainers, [deploymentContainer])
    corsOrigins: [
      web.outputs.url
    ]
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    sendGridApiKey: sendGridApiKey
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    identityPrincipalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    userPrincipalId: principalId
  }
}

module web 'app/staticwebapp.bicep' = {
  name: 'web'
  scope: rg
  params: {
    name: 'stapp-${resourceToken}'
    location: staticWebAppLocation
    tags: union(tags, { 'azd-service-name': 'web' })
  }
}

module api 'app/function.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: 'func-api-${resourceToken}'
    planName: 'plan-${resourceToken}'
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainer
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    sendGridApiKeySecretUri: keyVault.outputs.sendGridApiKeySecretUri
    emailFromAddress: empty(emailFromAddress) ? coordinatorEmail : emailFromAddress
    coordinatorEmail: coordinatorEmail
    publicBaseUrl: web.outputs.url
    maximumInstanceCount: maximumInstanceCount
  }
  // The host reaches storage and Key Vault with the identity from its first start.
  dependsOn: [
    rbac
  ]
}

module backend 'app/staticwebapp-backend.bicep' = {
  name: 'web-backend'
  scope: rg
  params: {
    staticWebAppName: web.outputs.name
    functionAppName: api.outputs.name
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output AZURE_STATIC_WEB_APP_NAME string = web.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_WEB_NAME string = web.outputs.name
@description('The site: pages from Static Web Apps, /api proxied to the function app.')
output EXCHANGE_SITE_URL string = web.outputs.url
