using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PlatformBench;

/// <summary>The locally installed RabbitMQ, run as the app host runs it (src/AppHost/rabbitmq/rabbitmq.sh), on a port of its own.</summary>
public sealed class LocalBroker : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _data;

    private LocalBroker(Process process, string data, int port)
    {
        _process = process;
        _data = data;
        ConnectionString = $"amqp://guest:guest@127.0.0.1:{port}/";
    }

    public string ConnectionString { get; }

    /// <summary>Starts the broker and waits until it accepts AMQP connections; null when RabbitMQ is not installed here.</summary>
    public static async Task<LocalBroker?> StartAsync(string repository)
    {
        if (!File.Exists("/usr/lib/rabbitmq/bin/rabbitmq-server"))
        {
            return null;
        }

        var port = Random.Shared.Next(40_000, 50_000);
        var data = Path.Combine(Path.GetTempPath(), $"bench-rabbitmq-{port}");
        var process = Process.Start(new ProcessStartInfo("bash", [Path.Combine(repository, "src", "AppHost", "rabbitmq", "rabbitmq.sh"), $"{port}", data])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("The broker did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var broker = new LocalBroker(process, data, port);
        var waited = Stopwatch.StartNew();
        while (!await AcceptsAsync(port))
        {
            if (process.HasExited || waited.Elapsed > TimeSpan.FromMinutes(1))
            {
                await broker.DisposeAsync();
                throw new InvalidOperationException($"RabbitMQ did not listen on {port} within a minute.");
            }

            await Task.Delay(500);
        }

        await Task.Delay(1000);
        if (process.HasExited)
        {
            throw new InvalidOperationException($"Port {port} answered but the broker exited (another process holds the port?).");
        }

        return broker;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM, so that the script's trap stops the broker's Erlang VM and port mapper too.
            using (var signal = Process.Start("kill", ["-TERM", $"{_process.Id}"]))
            {
                await signal!.WaitForExitAsync();
            }

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
