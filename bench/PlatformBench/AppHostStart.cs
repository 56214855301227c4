using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace PlatformBench;

/// <summary>
/// The README's run command, timed from launch until every service answers /health as Healthy: cold (a new data directory,
/// so the cluster is created and every schema built) and warm (the same directory again).
/// </summary>
public static class AppHostStart
{
    private static readonly int[] ServicePorts = [5201, 5202, 5203];

    public static async Task<(TimeSpan Cold, TimeSpan Warm)> MeasureAsync(string repository)
    {
        var data = Path.Combine(Path.GetTempPath(), $"bench-apphost-{Guid.NewGuid():N}");
        var port = FreeLoopbackPort();
        try
        {
            var cold = await StartUntilHealthyAsync(repository, data, port);
            var warm = await StartUntilHealthyAsync(repository, data, port);
            return (cold, warm);
        }
        finally
        {
            // A cluster started as root belongs to the postgres user; it is ours to remove either way.
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    private static async Task<TimeSpan> StartUntilHealthyAsync(string repository, string data, int port)
    {
        // The app host's own executable with its launch profile's settings, as 'dotnet run' gives it, so that SIGTERM reaches
        // it alone and it stops what it started. Its output goes nowhere rather than to pipes the services would hold open.
        var profile = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(repository, "src", "AppHost", "Properties", "launchSettings.json")))!
            ["profiles"]!["http"]!;
        var start = new ProcessStartInfo(Path.Combine(repository, "src", "AppHost", "bin", "Debug", "net10.0", "AppHost"))
        {
            WorkingDirectory = Path.Combine(repository, "src", "AppHost"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "--Postgres:Mode=Local", $"--Postgres:DataDirectory={data}", $"--Postgres:Port={port}" },
            Environment = { ["ASPNETCORE_URLS"] = profile["applicationUrl"]!.GetValue<string>() },
        };
        foreach (var (name, value) in profile["environmentVariables"]!.AsObject())
        {
            start.Environment[name] = value!.GetValue<string>();
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The app host did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            while (!await AllHealthyAsync(client))
            {
                if (process.HasExited || clock.Elapsed > TimeSpan.FromMinutes(3))
                {
                    throw new InvalidOperationException("The app host did not bring every service to Healthy within 3 minutes.");
                }

                await Task.Delay(100);
            }

            return clock.Elapsed;
        }
        finally
        {
            using (var stop = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await stop.WaitForExitAsync();
            }

            // Not WaitForExitAsync: it also waits for the end of output that the app host's children may still hold.
            if (!await Task.Run(() => process.WaitForExit(TimeSpan.FromSeconds(60))))
            {
                process.Kill(entireProcessTree: true);
            }

            // The services' ports free up once their processes are gone.
            while (ServicePorts.Any(InUse))
            {
                await Task.Delay(200);
            }
        }
    }

    private static async Task<bool> AllHealthyAsync(HttpClient client)
    {
        foreach (var servicePort in ServicePorts)
        {
            try
            {
                var health = JsonNode.Parse(await client.GetStringAsync($"http://localhost:{servicePort}/health"));
                if (health?["status"]?.GetValue<string>() != "Healthy")
                {
                    return false;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
            {
                return false;
            }
        }

        return true;
    }

    private static bool InUse(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
