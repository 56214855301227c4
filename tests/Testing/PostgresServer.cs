using DotNet.Testcontainers.Builders;
using Npgsql;
using Testcontainers.PostgreSql;

namespace StudentBase.Testing;

/// <summary>
/// A real PostgreSQL server for tests, from the first source that works: a connection string in
/// <c>TEST_POSTGRES_CONNECTION</c>; a Testcontainers container where a Docker engine answers; a throwaway
/// cluster started from the locally installed binaries (temp directory, free loopback port, removed afterwards).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string ConnectionVariable = "TEST_POSTGRES_CONNECTION";

    private readonly IAsyncDisposable? _owned;

    private PostgresServer(string connectionString, string source, IAsyncDisposable? owned)
    {
        ConnectionString = connectionString;
        Source = source;
        _owned = owned;
    }

    /// <summary>The server's maintenance database connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>Where the server came from: environment, container or local cluster.</summary>
    public string Source { get; }

    /// <summary>The first server that works; a local cluster keeps fsync on only when <paramref name="durable"/>.</summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellation = default, bool durable = false)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return new PostgresServer(fromEnvironment, "environment", owned: null);
        }

        if (await TryStartContainerAsync(cancellation) is { } container)
        {
            return new PostgresServer(container.GetConnectionString(), "container", container);
        }

        var cluster = await LocalCluster.StartAsync(cancellation, durable);
        return new PostgresServer(cluster.ConnectionString, "local cluster", cluster);
    }

    /// <summary>Always a throwaway local cluster, which a test may stop and start again (<see cref="Cluster"/>).</summary>
    public static async Task<PostgresServer> StartLocalAsync(CancellationToken cancellation = default)
    {
        var cluster = await LocalCluster.StartAsync(cancellation);
        return new PostgresServer(cluster.ConnectionString, "local cluster", cluster);
    }

    /// <summary>The local cluster behind this server, when it is one.</summary>
    public LocalCluster? Cluster => _owned as LocalCluster;

    /// <summary>Creates an empty database on the server and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix, CancellationToken cancellation = default)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync(cancellation);
            await using var command = new NpgsqlCommand($"create database \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellation);
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned is not null)
        {
            await _owned.DisposeAsync();
        }
    }

    private static async Task<PostgreSqlContainer?> TryStartContainerAsync(CancellationToken cancellation)
    {
        PostgreSqlContainer container;
        try
        {
            container = new PostgreSqlBuilder("postgres:15-alpine").Build();
        }
        catch (DockerUnavailableException)
        {
            return null;
        }

        await container.StartAsync(cancellation);
        return container;
    }
}
