using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Exchange.Tests.Infrastructure;

/// <summary>
/// One real Azurite for the whole test run, in memory, on free loopback ports. Tests share it
/// and keep apart by using their own addresses and names, as real users would.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly Lazy<Task<Azurite>> Shared = new(StartAsync);
    private readonly ChildProcess _process;

    private Azurite(ChildProcess process, int blobPort, int tablePort)
    {
        _process = process;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};" +
                           $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    public static Task<Azurite> InstanceAsync() => Shared.Value;

    /// <summary>
    /// A private Azurite for tests whose timers act on the whole account: the daily purge with a
    /// moved clock would expire other tests' sessions, and a reminder run would pick up other
    /// test classes' due reminders.
    /// </summary>
    public static Task<Azurite> StartIsolatedAsync() => StartAsync();

    /// <summary>Stops an isolated instance; the shared one lives as long as the test run.</summary>
    public ValueTask DisposeAsync() => _process.DisposeAsync();

    public BlobServiceClient Blobs => new(ConnectionString);

    public TableServiceClient Tables => new(ConnectionString);

    private static async Task<Azurite> StartAsync()
    {
        var azurite = Path.Combine(Repository.Root, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException("Azurite is not installed: run ./test.sh (it runs npm ci).");
        }
        var ports = Repository.FreePorts(3);
        int blobPort = ports[0], queuePort = ports[1], tablePort = ports[2];
        var start = new ProcessStartInfo(azurite)
        {
            ArgumentList =
            {
                "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--loose", "--silent",
                "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(),
                "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(),
                "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(),
            },
            WorkingDirectory = Repository.Root,
        };
        var process = new ChildProcess(start);
        await process.WaitForPortAsync(blobPort, TimeSpan.FromSeconds(60));
        await process.WaitForPortAsync(tablePort, TimeSpan.FromSeconds(60));
        return new Azurite(process, blobPort, tablePort);
    }
}
