using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace StudentBase.AppHost;

public enum PostgresMode
{
    /// <summary>A container where a container runtime answers, else the local binaries.</summary>
    Auto,
    Container,
    Local,
}

/// <summary>
/// The platform's one PostgreSQL database, served by a container or by the locally installed binaries.
/// Configuration (section <c>Postgres</c>): <c>Mode</c> (Auto, Container, Local), <c>Port</c> (local server,
/// default 54320), <c>DataDirectory</c> (local server, default <c>.data/postgres</c> at the repository root),
/// <c>BinDirectory</c> (default: the newest /usr/lib/postgresql/*/bin, else the directory of <c>pg_config --bindir</c>).
/// </summary>
public static class PlatformDatabase
{
    public const string DatabaseName = "platform";
    public const int DefaultLocalPort = 54320;

    public static IResourceBuilder<IResourceWithConnectionString> AddPlatformDatabase(this IDistributedApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Postgres");
        var mode = settings.GetValue("Mode", PostgresMode.Auto);
        var binDirectory = FindLocalBinaries(settings["BinDirectory"]);

        if (mode == PostgresMode.Auto)
        {
            mode = ContainerRuntimeAnswers(builder.Configuration["ASPIRE_CONTAINER_RUNTIME"] ?? "docker") ? PostgresMode.Container
                : binDirectory is not null ? PostgresMode.Local
                : throw new DistributedApplicationException(
                    "No PostgreSQL available: neither a container runtime (Docker or Podman) answers nor are the " +
                    "PostgreSQL server binaries installed. Install one of them, e.g. 'apt-get install -y postgresql' " +
                    "or Docker, then run again.");
        }

        return mode == PostgresMode.Container
            ? builder.AddPostgres("postgres").WithDataVolume("studentbase-postgres").AddDatabase(DatabaseName)
            : builder.AddLocalPostgres(
                binDirectory ?? throw new DistributedApplicationException(
                    "Postgres:Mode is Local but no PostgreSQL server binaries were found: install PostgreSQL " +
                    "(e.g. 'apt-get install -y postgresql') or set Postgres:BinDirectory to the directory holding 'postgres'."),
                settings.GetValue("Port", DefaultLocalPort),
                settings["DataDirectory"] is { Length: > 0 } dataDirectory
                    ? Path.GetFullPath(dataDirectory)
                    : Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "..", ".data", "postgres")));
    }

    private static IResourceBuilder<IResourceWithConnectionString> AddLocalPostgres(
        this IDistributedApplicationBuilder builder, string binDirectory, int port, string dataDirectory)
    {
        var scripts = Path.Combine(builder.AppHostDirectory, "postgres");
        var portText = port.ToString(CultureInfo.InvariantCulture);

        var initialisation = builder.AddExecutable("postgres-init", "bash", scripts,
            "postgres.sh", "init", binDirectory, dataDirectory, portText, DatabaseName);

        var server = new LocalPostgresResource("postgres", "bash", scripts, port, DatabaseName);
        var healthCheckKey = $"{server.Name}-accepts-connections";
        builder.Services.AddHealthChecks().Add(new(
            healthCheckKey,
            _ => new PostgresAcceptsConnections(
                $"Host=127.0.0.1;Port={portText};Username=postgres;Database={DatabaseName};Timeout=3"),
            failureStatus: null,
            tags: null));

        return builder.AddResource(server)
            .WithArgs("postgres.sh", "run", binDirectory, dataDirectory, portText)
            .WaitForCompletion(initialisation)
            .WithHealthCheck(healthCheckKey);
    }

    private static string? FindLocalBinaries(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(Path.Combine(configured, "postgres")) ? configured : null;
        }

        const string debianRoot = "/usr/lib/postgresql";
        var debian = Directory.Exists(debianRoot)
            ? Directory.GetDirectories(debianRoot)
                .Select(directory => (Version: int.TryParse(Path.GetFileName(directory), out var version) ? version : 0,
                    Bin: Path.Combine(directory, "bin")))
                .Where(candidate => File.Exists(Path.Combine(candidate.Bin, "postgres")))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Bin)
                .FirstOrDefault()
            : null;

        return debian ?? (Run("pg_config", "--bindir") is { } bin && File.Exists(Path.Combine(bin, "postgres")) ? bin : null);
    }

    internal static bool ContainerRuntimeAnswers(string runtime) =>
        Run(runtime, "info", "--format", "{{.ServerVersion}}") is { Length: > 0 };

    /// <summary>The trimmed standard output of a command that succeeded within a few seconds, else null.</summary>
    private static string? Run(string fileName, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(fileName, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            return process.ExitCode == 0 ? output.Result.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
