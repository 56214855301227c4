using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace StudentBase.Testing;

/// <summary>
/// A PostgreSQL cluster of its own, started from the installed binaries in a temp directory on a free
/// loopback port, and stopped and deleted when disposed. PostgreSQL refuses to run as root, so as root
/// it runs as the <c>postgres</c> user.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly string _binDirectory;
    private readonly string _directory;

    private LocalCluster(string binDirectory, string directory, int port)
    {
        _binDirectory = binDirectory;
        _directory = directory;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
            Pooling = true,
        }.ConnectionString;
    }

    public string ConnectionString { get; }

    private string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>Starts a cluster; <paramref name="durable"/> keeps fsync on (benchmarks), tests trade it for speed.</summary>
    public static async Task<LocalCluster> StartAsync(CancellationToken cancellation, bool durable = false)
    {
        var binDirectory = PostgresBinaries.Find()
            ?? throw new InvalidOperationException(
                "No PostgreSQL for the tests: set TEST_POSTGRES_CONNECTION, start a Docker engine, or install " +
                "PostgreSQL (e.g. 'apt-get install -y postgresql').");

        var directory = Path.Combine(Path.GetTempPath(), $"studentbase-test-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var cluster = new LocalCluster(binDirectory, directory, FreeLoopbackPort());
        try
        {
            await cluster.InitializeAndStartAsync(durable, cancellation);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private async Task InitializeAndStartAsync(bool durable, CancellationToken cancellation)
    {
        if (RunningAsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", _directory], cancellation);
        }

        await RunPostgresToolAsync("initdb", ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"], cancellation);
        // Kept in postgresql.auto.conf, so a restart comes back the same.
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.auto.conf"),
            $"port = {new NpgsqlConnectionStringBuilder(ConnectionString).Port}\nunix_socket_directories = '{_directory}'\n" +
            $"listen_addresses = '127.0.0.1'\nfsync = {(durable ? "on" : "off")}\nmax_connections = 300\n", cancellation);
        await StartServerAsync(cancellation);
    }

    /// <summary>Stops the server as an operator would (fast shutdown: open connections are ended).</summary>
    public Task StopServerAsync(CancellationToken cancellation) =>
        RunPostgresToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "stop"], cancellation);

    /// <summary>Starts the server (again) on the same data and port.</summary>
    public Task StartServerAsync(CancellationToken cancellation) =>
        RunPostgresToolAsync("pg_ctl", ["-D", DataDirectory, "-w", "-t", "60", "-l", Path.Combine(_directory, "server.log"), "start"], cancellation);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                await RunPostgresToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], CancellationToken.None);
            }
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static bool RunningAsRoot => Environment.UserName == "root";

    private Task RunPostgresToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellation)
    {
        var executable = Path.Combine(_binDirectory, tool);
        return RunningAsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", executable, .. arguments], cancellation)
            : RunAsync(executable, arguments, cancellation);
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellation);
        var error = process.StandardError.ReadToEndAsync(cancellation);
        await process.WaitForExitAsync(cancellation);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{fileName} {string.Join(' ', arguments)}' exited with {process.ExitCode}: {await error}{await output}");
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Finds the PostgreSQL server binaries: <c>POSTGRES_BIN_DIR</c>, then the newest Debian-style install.</summary>
public static class PostgresBinaries
{
    public static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("POSTGRES_BIN_DIR");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(Path.Combine(configured, "postgres")) ? configured : null;
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (!Directory.Exists(debianRoot))
        {
            return null;
        }

        return Directory.GetDirectories(debianRoot)
            .Select(versionDirectory => (Version: int.TryParse(Path.GetFileName(versionDirectory), out var version) ? version : 0,
                Bin: Path.Combine(versionDirectory, "bin")))
            .Where(candidate => File.Exists(Path.Combine(candidate.Bin, "postgres")))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => candidate.Bin)
            .FirstOrDefault();
    }
}
