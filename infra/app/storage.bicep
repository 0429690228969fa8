// The app's storage account: Tables and Blobs, reached only with Entra ID (no account keys).
param name string
param location string
param tags object = {}

@description('Tables to create.')
param tables string[]

@description('Blob containers to create, including the Flex Consumption deployment container.')
param containers string[]

@description('Origins whose pages may move files straight to and from Blob storage: the site only.')
param corsOrigins string[]

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }

  resource blobServices 'blobServices' = {
    name: 'default'
    properties: {
      // Browsers upload in blocks and download through short-lived SAS links (the valet key);
      // the same rule as functions/Storage/BlobCors.cs, which the app sets on Azurite.
      cors: {
        corsRules: [
          {
            allowedOrigins: corsOrigins
            allowedMethods: [
              'GET'
              'HEAD'
              'PUT'
            ]
            allowedHeaders: [
              'content-type'
              'x-ms-blob-content-type'
              'x-ms-version'
              'x-ms-client-request-id'
            ]
            exposedHeaders: [
              'etag'
              'x-ms-request-id'
              'x-ms-error-code'
            ]
            maxAgeInSeconds: 3600
          }
        ]
      }
    }

    resource blobContainers 'containers' = [
      for container in containers: {
        name: container
        properties: {
          publicAccess: 'None'
        }
      }
    ]
  }

  resource tableServices 'tableServices' = {
    name: 'default'

    resource storageTables 'tables' = [
      for table in tables: {
        name: table
      }
    ]
  }
}

output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output tableEndpoint string = storage.properties.primaryEndpoints.table
