using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;

namespace Exchange.Tests.Infrastructure;

/// <summary>A process started for the tests, with its output kept for failure messages; killed with its tree.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private static readonly ConcurrentBag<Process> Running = [];
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    static ChildProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var p in Running)
            {
                try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            }
        };
    }

    public ChildProcess(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { Keep(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Keep(e.Data); } };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Running.Add(_process);
        StartWatchdog(_process.Id);
    }

    /// <summary>
    /// The test host is sometimes ended without running exit handlers; a watchdog outside it
    /// ends the child once the test process is gone, so no Azurite or app is left behind.
    /// </summary>
    private static void StartWatchdog(int childId)
    {
        var parentId = Environment.ProcessId;
        var watchdog = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList =
            {
                "-c",
                $"while kill -0 {parentId} 2>/dev/null && kill -0 {childId} 2>/dev/null; do sleep 1; done; " +
                $"kill -TERM {childId} 2>/dev/null; sleep 2; kill -KILL {childId} 2>/dev/null; exit 0",
            },
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var _ = Process.Start(watchdog);
    }

    public string Output => string.Join('\n', _output);

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    private void Keep(string line)
    {
        _output.Enqueue(line);
        while (_output.Count > 400 && _output.TryDequeue(out _)) { }
    }

    public async Task WaitForPortAsync(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Process exited with {_process.ExitCode}:\n{Output}");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"Nothing listened on {port} within {timeout}:\n{Output}");
    }

    /// <summary>Waits for the process to end by itself; kills it if it has not within the timeout.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
