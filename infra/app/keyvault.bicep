// Key Vault in RBAC mode, holding the SendGrid API key. The function app reads it through a
// Key Vault reference in its app settings, with its user-assigned identity.
param name string
param location string
param tags object = {}

@secure()
param sendGridApiKey string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }

  resource sendGridSecret 'secrets' = {
    name: 'sendgrid-api-key'
    properties: {
      value: sendGridApiKey
      contentType: 'text/plain'
    }
  }
}

output name string = vault.name
@description('Versionless, so a rotated key is picked up without changing the app setting.')
output sendGridApiKeySecretUri string = vault::sendGridSecret.properties.secretUri
