namespace Exchange.Tests.Infrastructure;

/// <summary>
/// Tests that run a purge after moving the clock run alone, after the others: a purge looks at
/// every row or blob in the shared Azurite, and would otherwise take other classes' sessions, or
/// an upload between its commit and its metadata write, for expired leftovers.
/// </summary>
[CollectionDefinition(nameof(StorageWideTimers), DisableParallelization = true)]
public sealed class StorageWideTimers;
