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
    private static readonly Lazy<Task<Azurite>> Shared = new(() => StartAsync(null));
    private readonly string? _folder;
    private readonly (int Blob, int Queue, int Table) _ports;
    private ChildProcess _process;

    private Azurite(ChildProcess process, (int Blob, int Queue, int Table) ports, string? folder)
    {
        _process = process;
        _ports = ports;
        _folder = folder;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};" +
                           $"BlobEndpoint=http://127.0.0.1:{ports.Blob}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{ports.Table}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    public static Task<Azurite> InstanceAsync() => Shared.Value;

    /// <summary>
    /// A private Azurite for tests whose timers act on the whole account: the daily purge with a
    /// moved clock would expire other tests' sessions, and a reminder run would pick up other
    /// test classes' due reminders.
    /// </summary>
    public static Task<Azurite> StartIsolatedAsync() => StartAsync(null);

    /// <summary>
    /// A private Azurite that keeps its data in a folder, for fault tests: it can be stopped
    /// (<see cref="KillAsync"/>), started again on the same ports with the same data
    /// (<see cref="RestartAsync"/>), and paused (<see cref="Pause"/>, SIGSTOP).
    /// </summary>
    public static Task<Azurite> StartOnDiskAsync() =>
        StartAsync(Directory.CreateTempSubdirectory("exchange-azurite-").FullName);

    /// <summary>Ends the process with SIGTERM, on which Azurite writes what it holds to disk, and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        Signal("TERM");
        await _process.WaitForExitAsync(TimeSpan.FromSeconds(20));
    }

    public async Task RestartAsync()
    {
        await _process.DisposeAsync();
        _process = await LaunchAsync(_ports, _folder);
    }

    /// <summary>The process stops answering but keeps its connections: a stalled storage service.</summary>
    public void Pause() => Signal("STOP");

    public void Resume() => Signal("CONT");

    private void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, _process.Id.ToString() } })!;
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {_process.Id} failed");
        }
    }

    /// <summary>Stops an isolated instance; the shared one lives as long as the test run.</summary>
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    public BlobServiceClient Blobs => new(ConnectionString);

    public TableServiceClient Tables => new(ConnectionString);

    private static async Task<Azurite> StartAsync(string? folder)
    {
        // The ports are held until all three are chosen, so two of them can never coincide.
        var free = Repository.FreePorts(3);
        var ports = (free[0], free[1], free[2]);
        return new Azurite(await LaunchAsync(ports, folder), ports, folder);
    }

    private static async Task<ChildProcess> LaunchAsync((int Blob, int Queue, int Table) ports, string? folder)
    {
        var azurite = Path.Combine(Repository.Root, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException("Azurite is not installed: run ./test.sh (it runs npm ci).");
        }
        var start = new ProcessStartInfo(azurite)
        {
            ArgumentList =
            {
                "--skipApiVersionCheck", "--disableTelemetry", "--loose", "--silent",
                "--blobHost", "127.0.0.1", "--blobPort", ports.Blob.ToString(),
                "--queueHost", "127.0.0.1", "--queuePort", ports.Queue.ToString(),
                "--tableHost", "127.0.0.1", "--tablePort", ports.Table.ToString(),
            },
            WorkingDirectory = Repository.Root,
        };
        if (folder is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(folder);
        }
        var process = new ChildProcess(start);
        await process.WaitForPortAsync(ports.Blob, TimeSpan.FromSeconds(60));
        await process.WaitForPortAsync(ports.Table, TimeSpan.FromSeconds(60));
        return process;
    }
}
