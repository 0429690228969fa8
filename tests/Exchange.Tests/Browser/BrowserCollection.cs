namespace Exchange.Tests.Browser;

/// <summary>Journeys share one app, one browser and one coordinator address, so they run one after another.</summary>
[CollectionDefinition("Browser")]
public sealed class BrowserCollection;
