using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace StudentBase.Testing;

/// <summary>
/// One service of the platform run as its own process from its build output, on Kestrel and a loopback port of its own, in
/// the Development environment (so the development keys and universities exist). It can be killed (SIGKILL) and started
/// again on the same port, as a crash and a restart would.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly ProcessStartInfo _start;
    private readonly string _log;
    private Process _process;

    private ServiceProcess(string name, ProcessStartInfo start, Uri address, string log)
    {
        Name = name;
        _start = start;
        Address = address;
        _log = log;
        _process = new Process();
    }

    public string Name { get; }

    public Uri Address { get; }

    /// <summary>The most memory the process has held resident (VmHWM), in MiB.</summary>
    public double PeakResidentMiB => StatusMiB("VmHWM:");

    /// <summary>The memory the process holds resident now (VmRSS), in MiB.</summary>
    public double ResidentMiB => StatusMiB("VmRSS:");

    /// <summary>Starts counting <see cref="PeakResidentMiB"/> afresh from what the process holds now (Linux's clear_refs).</summary>
    public void ResetPeakResident() => File.WriteAllText($"/proc/{_process.Id}/clear_refs", "5");

    /// <summary>The build configuration of the code running now (Debug or Release): the services are taken from the same.</summary>
    public static string CurrentConfiguration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>Starts <paramref name="project"/> (e.g. Internships.Api) from <c>src/{project}/bin/{configuration}/net10.0</c> and waits until it is healthy.</summary>
    public static async Task<ServiceProcess> StartAsync(string repository, string project, string connectionString,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var output = Path.Combine(repository, "src", project, "bin", CurrentConfiguration, "net10.0");
        var address = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}");
        var start = new ProcessStartInfo(Path.Combine(output, project))
        {
            WorkingDirectory = output,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ASPNETCORE_URLS"] = address.ToString(),
                ["ConnectionStrings__platform"] = connectionString,
                ["Logging__LogLevel__Default"] = "Warning",
                ["Partners__RateLimit__PermitsPerMinute"] = "100000000",
            },
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var service = new ServiceProcess(project, start, address, Path.Combine(Path.GetTempPath(), $"service-{project}-{address.Port}.log"));
        await service.LaunchAsync();
        return service;
    }

    /// <summary>The repository this code runs from (the folder holding StudentBase.slnx).</summary>
    public static string FindRepository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "StudentBase.slnx")))
        {
            directory = directory.Parent ?? throw new InvalidOperationException("Run this from the repository.");
        }

        return directory.FullName;
    }

    public HttpClient CreateClient(int connections) => new(new SocketsHttpHandler { MaxConnectionsPerServer = connections })
    {
        BaseAddress = Address,
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>SIGKILL: no shutdown, no flushing, whatever was in flight is cut off.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Starts the service again on the same port and settings, and waits until it is healthy.</summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        _process.Dispose();
        await LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    public override string ToString() => $"{Name} at {Address} (log {_log})";

    private async Task LaunchAsync()
    {
        _process = Process.Start(_start) ?? throw new InvalidOperationException($"{Name} did not start.");
        var writer = new StreamWriter(_log, append: true) { AutoFlush = true };
        _process.OutputDataReceived += (_, line) => Write(writer, line.Data);
        _process.ErrorDataReceived += (_, line) => Write(writer, line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}; see {_log}.");
            }

            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
            }

            if (waited.Elapsed > TimeSpan.FromMinutes(2))
            {
                await KillAsync();
                throw new TimeoutException($"{Name} was not healthy within 2 minutes; see {_log}.");
            }

            await Task.Delay(250);
        }
    }

    private static void Write(StreamWriter writer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (writer)
        {
            writer.WriteLine(line);
        }
    }

    private double StatusMiB(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(line => line.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
