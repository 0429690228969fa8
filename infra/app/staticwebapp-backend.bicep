// Links the function app to the static site: Static Web Apps proxies /api/* to it, so the
// pages and the API share one origin (cookies, Origin check) and need no CORS.
param staticWebAppName string
param functionAppName string

resource site 'Microsoft.Web/staticSites@2023-12-01' existing = {
  name: staticWebAppName
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource backend 'Microsoft.Web/staticSites/linkedBackends@2023-12-01' = {
  parent: site
  name: 'api'
  properties: {
    backendResourceId: functionApp.id
    region: functionApp.location
  }
}
